# wrong: calls handle with the key instead of the API's result
# fails: 1
# says: what `await api.get(key)` gives you
import asyncio


async def process_as_ready(api, keys, handle):
    async def one(key):
        await api.get(key)
        handle(key)

    async with asyncio.TaskGroup() as tg:
        for key in keys:
            tg.create_task(one(key))


async def fastest(api, mirrors):
    tasks = [asyncio.create_task(api.get(mirror)) for mirror in mirrors]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    return done.pop().result()
