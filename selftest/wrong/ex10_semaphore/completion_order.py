# wrong: a pool of workers that appends answers in the order they finish
# fails: 2
# says: wrong order
import asyncio


async def fetch_all_limited(api, keys, limit):
    queue = asyncio.Queue()
    for key in keys:
        queue.put_nowait(key)
    results = []

    async def worker():
        while not queue.empty():
            key = queue.get_nowait()
            results.append(await api.get(key))

    async with asyncio.TaskGroup() as tg:
        for _ in range(limit):
            tg.create_task(worker())
    return results
