# wrong: always starts 3 workers, ignoring the `workers` argument
# fails: 2
# says: at most
import asyncio


async def worker(queue, api, results):
    while (job := await queue.get()) is not None:
        results[job] = await api.get(job)


async def process_all(api, jobs, workers):
    queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    for _ in range(3):
        queue.put_nowait(None)
    results = {}
    async with asyncio.TaskGroup() as tg:
        for _ in range(3):
            tg.create_task(worker(queue, api, results))
    return results
