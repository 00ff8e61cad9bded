# wrong: handles the first result as it arrives, then gathers all the rest and handles them together
# fails: 1
# says: some results waited
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    tasks = [asyncio.create_task(api.get(key)) for key in keys]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in done:
        handle(task.result())
    for result in await asyncio.gather(*pending):
        handle(result)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(mirror)) for mirror in mirrors]
    try:
        for first in asyncio.as_completed(tasks):
            return await first
    finally:
        for task in tasks:
            task.cancel()
