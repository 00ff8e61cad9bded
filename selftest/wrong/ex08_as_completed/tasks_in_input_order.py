# wrong: starts every call, then awaits them in input order (a fast answer waits behind a slow one)
# fails: 1
# says: in the order you asked
import asyncio


async def process_as_ready(api, keys, handle):
    tasks = [asyncio.create_task(api.get(key)) for key in keys]
    for task in tasks:
        handle(await task)


async def fastest(api, mirrors):
    tasks = [asyncio.create_task(api.get(mirror)) for mirror in mirrors]
    try:
        for first in asyncio.as_completed(tasks):
            return await first
    finally:
        for task in tasks:
            task.cancel()
