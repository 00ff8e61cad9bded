# wrong: starts the workers and cancels them straight away, never waiting for the jobs
# fails: all
# says: never given to the API
import asyncio


async def worker(queue, api, results):
    while True:
        job = await queue.get()
        results[job] = await api.get(job)
        queue.task_done()


async def process_all(api, jobs, workers):
    queue = asyncio.Queue()
    for job in jobs:
        await queue.put(job)
    results = {}
    tasks = [asyncio.create_task(worker(queue, api, results)) for _ in range(workers)]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return results
