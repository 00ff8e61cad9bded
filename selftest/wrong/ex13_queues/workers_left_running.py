# wrong: waits for queue.join() but never stops the workers (they wait on get() forever)
# fails: all
# says: still running
import asyncio


async def worker(queue, api, results):
    while True:
        job = await queue.get()
        results[job] = await api.get(job)
        queue.task_done()


async def process_all(api, jobs, workers):
    queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    results = {}
    for _ in range(workers):
        asyncio.create_task(worker(queue, api, results))
    await queue.join()
    return results
