# wrong: gathers every result first, then handles them (the stub as given)
# fails: all
# says: after the slowest call finished
# says: first one in the list
import asyncio


async def process_as_ready(api, keys, handle):
    results = await asyncio.gather(*(api.get(key) for key in keys))
    for result in results:
        handle(result)


async def fastest(api, mirrors):
    results = await asyncio.gather(*(api.get(mirror) for mirror in mirrors))
    return results[0]
