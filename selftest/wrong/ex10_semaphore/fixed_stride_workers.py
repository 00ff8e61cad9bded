# wrong: each of `limit` workers gets a fixed share of the keys up front (keys[i::limit])
# fails: 2
# says: still waiting to start
import asyncio


async def fetch_all_limited(api, keys, limit):
    results = [None] * len(keys)

    async def worker(first):
        for i in range(first, len(keys), limit):
            results[i] = await api.get(keys[i])

    await asyncio.gather(*(worker(w) for w in range(limit)))
    return results
