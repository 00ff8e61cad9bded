# wrong: a worker stops only after the queue has been empty for half a second (wait_for on get)
# fails: 2, 3
import asyncio


async def worker(queue, api, results):
    while True:
        try:
            job = await asyncio.wait_for(queue.get(), timeout=0.5)
        except TimeoutError:
            return  # nothing came for a while: the work must be done
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
