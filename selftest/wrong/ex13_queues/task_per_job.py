# wrong: no pool at all: one task per job, all at once (unbounded concurrency)
# fails: 2
# says: at the same time
import asyncio


async def process_all(api, jobs, workers):
    answers = await asyncio.gather(*(api.get(job) for job in jobs))
    return dict(zip(jobs, answers))
