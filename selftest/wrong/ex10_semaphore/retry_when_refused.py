# wrong: no limit; retries refused requests after a short pause
# fails: all
# says: Retrying refused requests does not respect the limit
import asyncio

from awaitlings.engine.fakes import ServiceError


async def fetch_all_limited(api, keys, limit):
    async def fetch(key):
        while True:
            try:
                return await api.get(key)
            except ServiceError:
                await asyncio.sleep(0.05)

    return await asyncio.gather(*(fetch(key) for key in keys))
