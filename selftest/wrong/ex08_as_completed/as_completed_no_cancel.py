# wrong: returns the first answer from as_completed but leaves the slower requests running
# fails: 2
# says: were still running
# says: Cancel
import asyncio


async def process_as_ready(api, keys, handle):
    for next_result in asyncio.as_completed([api.get(key) for key in keys]):
        handle(await next_result)


async def fastest(api, mirrors):
    for first in asyncio.as_completed([api.get(mirror) for mirror in mirrors]):
        return await first
