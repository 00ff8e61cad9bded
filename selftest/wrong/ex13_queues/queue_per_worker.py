# wrong: deals the jobs round-robin into one queue per worker: a worker with quick jobs idles while another's jobs wait
# fails: 2
import asyncio


async def worker(queue, api, results):
    while (job := await queue.get()) is not None:
        results[job] = await api.get(job)


async def process_all(api, jobs, workers):
    queues = [asyncio.Queue() for _ in range(workers)]
    for i, job in enumerate(jobs):
        queues[i % workers].put_nowait(job)
    for queue in queues:
        queue.put_nowait(None)
    results = {}
    async with asyncio.TaskGroup() as tg:
        for queue in queues:
            tg.create_task(worker(queue, api, results))
    return results
