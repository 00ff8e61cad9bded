# wrong: one module-level Semaphore(3) that ignores the `limit` argument
# fails: all
# says: The service refused
# says: inside fetch_all_limited
import asyncio

SLOTS = asyncio.Semaphore(3)


async def fetch_all_limited(api, keys, limit):
    async def fetch(key):
        async with SLOTS:
            return await api.get(key)

    return await asyncio.gather(*(fetch(key) for key in keys))
