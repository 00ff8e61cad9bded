# wrong: caches one semaphore per limit at module level (reused by later calls and other event loops)
# fails: all
# says: Together they never had more than
import asyncio

_SLOTS: dict[int, asyncio.Semaphore] = {}


async def fetch_all_limited(api, keys, limit):
    sem = _SLOTS.setdefault(limit, asyncio.Semaphore(limit))  # "create it only once"

    async def fetch(key):
        async with sem:
            return await api.get(key)

    return await asyncio.gather(*(fetch(key) for key in keys))
