# wrong: waits until the queue is empty (not until the jobs are done), then cancels the workers
# fails: all
# says: not finished
# says: cut off
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
    while not queue.empty():
        await asyncio.sleep(0.01)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return results
