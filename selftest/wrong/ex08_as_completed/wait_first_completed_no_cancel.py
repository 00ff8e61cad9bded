# wrong: asyncio.wait(FIRST_COMPLETED) but the pending requests are never cancelled
# fails: 2
# says: were still running
import asyncio


async def process_as_ready(api, keys, handle):
    pending = {asyncio.create_task(api.get(key)) for key in keys}
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            handle(task.result())


async def fastest(api, mirrors):
    tasks = [asyncio.create_task(api.get(mirror)) for mirror in mirrors]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    return done.pop().result()
