# wrong: keeps its slot for an extra "polite" pause after every request
# fails: all
# says: still waiting to start
import asyncio


async def fetch_all_limited(api, keys, limit):
    sem = asyncio.Semaphore(limit)

    async def fetch(key):
        async with sem:
            answer = await api.get(key)
            await asyncio.sleep(0.05)  # be nice to the service
            return answer

    return await asyncio.gather(*(fetch(key) for key in keys))
