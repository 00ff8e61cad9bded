# wrong: creates a new semaphore inside each request, so nothing is shared and nothing is limited
# fails: all
# says: The service refused
import asyncio


async def fetch_all_limited(api, keys, limit):
    async def fetch(key):
        async with asyncio.Semaphore(limit):
            return await api.get(key)

    return await asyncio.gather(*(fetch(key) for key in keys))
