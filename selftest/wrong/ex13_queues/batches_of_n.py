# wrong: processes the jobs in batches of `workers` (waits for the slowest of each batch)
# fails: 2
# says: batches
import asyncio


async def process_all(api, jobs, workers):
    results = {}
    for i in range(0, len(jobs), workers):
        batch = jobs[i:i + workers]
        answers = await asyncio.gather(*(api.get(job) for job in batch))
        results.update(zip(batch, answers))
    return results
