# wrong: awaits queue.join() but the workers never call queue.task_done()
# fails: all
# says: task_done
import asyncio


async def worker(queue, api, results):
    while True:
        job = await queue.get()
        results[job] = await api.get(job)


async def process_all(api, jobs, workers):
    queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    results = {}
    tasks = [asyncio.create_task(worker(queue, api, results)) for _ in range(workers)]
    await queue.join()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return results
