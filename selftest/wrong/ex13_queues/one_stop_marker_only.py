# wrong: puts a single stop marker on the queue, so only one worker ever stops
# fails: all
# says: never returned
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
    async with asyncio.TaskGroup() as tg:
        for _ in range(workers):
            tg.create_task(worker(queue, api, results))
    return results
