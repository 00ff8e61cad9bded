# wrong: "cancels" the slower requests by calling .close() on their coroutine objects instead of cancelling tasks
# fails: 2
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    for next_result in asyncio.as_completed([api.get(key) for key in keys]):
        handle(await next_result)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    coros = [api.get(mirror) for mirror in mirrors]
    try:
        for first in asyncio.as_completed(coros):
            return await first
    finally:
        for coro in coros:
            coro.close()  # stop the ones still running
