# wrong: forgets to await the as_completed items, so handle() gets coroutine objects (unforeseen)
# fails: 1
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    for arrival in asyncio.as_completed([api.get(k) for k in keys]):
        handle(arrival)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(m)) for m in mirrors]
    try:
        return await next(asyncio.as_completed(tasks))
    finally:
        for t in tasks:
            t.cancel()
