# wrong: every worker loops over the whole job list instead of sharing a queue
# fails: all
# says: exactly once
import asyncio


async def worker(jobs, api, results):
    for job in jobs:
        results[job] = await api.get(job)


async def process_all(api, jobs, workers):
    results = {}
    async with asyncio.TaskGroup() as tg:
        for _ in range(workers):
            tg.create_task(worker(jobs, api, results))
    return results
