# wrong: workers loop forever and process_all waits for them to finish: it never returns
# fails: all
# says: never returned
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
    async with asyncio.TaskGroup() as tg:
        for _ in range(workers):
            tg.create_task(worker(queue, api, results))
    return results
