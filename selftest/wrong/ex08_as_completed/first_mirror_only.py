# wrong: handles results without awaiting them (coroutine objects), asks only the first mirror
# fails: all
# says: must be awaited
# says: asked 1 of the
import asyncio


async def process_as_ready(api, keys, handle):
    for next_result in asyncio.as_completed([api.get(key) for key in keys]):
        handle(next_result)


async def fastest(api, mirrors):
    return await api.get(mirrors[0])
