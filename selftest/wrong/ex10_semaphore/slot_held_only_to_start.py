# wrong: takes the semaphore slot only while starting each request, and awaits it outside
# fails: all
# says: The service refused
import asyncio


async def fetch_all_limited(api, keys, limit):
    sem = asyncio.Semaphore(limit)

    async def fetch(key):
        async with sem:
            task = asyncio.create_task(api.get(key))  # the slot is given back right away
        return await task

    return await asyncio.gather(*(fetch(key) for key in keys))
