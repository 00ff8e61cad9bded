# right: a sliding window: keep at most `limit` tasks, refill with asyncio.wait(FIRST_COMPLETED), read results from the tasks in key order
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    tasks: list[asyncio.Task[Any]] = []
    running: set[asyncio.Task[Any]] = set()
    try:
        for key in keys:
            if len(running) >= limit:
                _, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            task = asyncio.create_task(api.get(key))
            tasks.append(task)
            running.add(task)
        if running:
            await asyncio.wait(running)
    except BaseException:
        for t in tasks:
            t.cancel()
        raise
    return [t.result() for t in tasks]
