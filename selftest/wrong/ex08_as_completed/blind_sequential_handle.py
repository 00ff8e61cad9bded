# wrong: process_as_ready fetches one key at a time (in key order), not all at once
# fails: 1
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    for key in keys:
        handle(await api.get(key))


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(m)) for m in mirrors]
    try:
        return await next(asyncio.as_completed(tasks))
    finally:
        for t in tasks:
            t.cancel()
