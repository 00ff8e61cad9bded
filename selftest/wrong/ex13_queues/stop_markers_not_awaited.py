# wrong: after queue.join() it puts the stop markers and returns, without waiting for the workers to take them
# fails: 3
# says: still running
import asyncio


async def worker(queue, api, results):
    while (job := await queue.get()) is not None:
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
    for _ in range(workers):
        queue.put_nowait(None)  # they will stop on their own
    return results
