# wrong: starts every request at once, no limit (the stub)
# fails: all
# says: The service refused
import asyncio


async def fetch_all_limited(api, keys, limit):
    return await asyncio.gather(*(api.get(key) for key in keys))
