# wrong: fastest returns the first answer from as_completed over tasks but never cancels the slower requests
# fails: 2
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    for arrival in asyncio.as_completed([api.get(k) for k in keys]):
        handle(await arrival)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(m)) for m in mirrors]
    for arrival in asyncio.as_completed(tasks):
        return await arrival
