# wrong: a task per job limited by a Semaphore instead of a pool of workers on a queue
# fails: 2
# says: different tasks
import asyncio


async def process_all(api, jobs, workers):
    limit = asyncio.Semaphore(workers)
    results = {}

    async def one(job):
        async with limit:
            results[job] = await api.get(job)

    async with asyncio.TaskGroup() as tg:
        for job in jobs:
            tg.create_task(one(job))
    return results
