# wrong: fastest takes the first finished task from asyncio.wait and returns the Task itself, not its answer
# fails: 2
# says: returned an asyncio Task (it had already finished)
# says: still has to be awaited to get the answer
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    for next_result in asyncio.as_completed([api.get(key) for key in keys]):
        handle(await next_result)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(mirror)) for mirror in mirrors]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        return done.pop()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
