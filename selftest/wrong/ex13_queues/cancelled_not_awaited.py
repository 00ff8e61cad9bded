# wrong: cancels the workers after queue.join() but returns without awaiting them
# fails: 3
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
    tasks = [asyncio.create_task(worker(queue, api, results)) for _ in range(workers)]
    await queue.join()
    for task in tasks:
        task.cancel()
    return results
