# wrong: keeps one slot spare (Semaphore(limit - 1)), slower than the service allows
# fails: all
# says: at most
import asyncio


async def fetch_all_limited(api, keys, limit):
    sem = asyncio.Semaphore(limit - 1)

    async def fetch(key):
        async with sem:
            return await api.get(key)

    return await asyncio.gather(*(fetch(key) for key in keys))
