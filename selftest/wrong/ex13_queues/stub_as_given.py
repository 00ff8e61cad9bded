# wrong: the stub as given (no queue, no workers)
# fails: all
# says: never given to the API
import asyncio


async def worker(queue, api, results):
    ...


async def process_all(api, jobs, workers):
    queue = asyncio.Queue()
    results = {}
    return results
