# wrong: gathers in batches of `limit`: right when all requests take equally long, slow otherwise
# fails: 2
# says: in batches of
# says: █
import asyncio


async def fetch_all_limited(api, keys, limit):
    results = []
    for i in range(0, len(keys), limit):
        results += await asyncio.gather(*(api.get(key) for key in keys[i:i + limit]))
    return results
