# wrong: fastest passes bare coroutines to as_completed and returns the first; the tasks as_completed made keep running
# fails: 2
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    for arrival in asyncio.as_completed([api.get(k) for k in keys]):
        handle(await arrival)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    return await next(asyncio.as_completed([api.get(m) for m in mirrors]))
