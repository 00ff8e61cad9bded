# wrong: awaits the list of calls (an unforeseen mistake: the explainer names the line)
# fails: 1
# says: ex08_as_completed.py:12
# says: plain list

import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    for result in await [api.get(key) for key in keys]:
        handle(result)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(mirror)) for mirror in mirrors]
    try:
        for first in asyncio.as_completed(tasks):
            return await first
    finally:
        for task in tasks:
            task.cancel()
