# wrong: starts a single worker, whatever `workers` says
# fails: 2
# says: one after another
import asyncio


async def worker(queue, api, results):
    while (job := await queue.get()) is not None:
        results[job] = await api.get(job)


async def process_all(api, jobs, workers):
    queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    queue.put_nowait(None)
    results = {}
    await worker(queue, api, results)
    return results
