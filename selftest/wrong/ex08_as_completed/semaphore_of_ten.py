# wrong: limits the API to 10 calls in flight with a semaphore, so with more than 10 keys some calls start late
# fails: 1
# says: at most 10 at the same time
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    limit = asyncio.Semaphore(10)

    async def polite_get(key: str) -> Any:
        async with limit:
            return await api.get(key)

    for next_result in asyncio.as_completed([polite_get(key) for key in keys]):
        handle(await next_result)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(mirror)) for mirror in mirrors]
    try:
        for first in asyncio.as_completed(tasks):
            return await first
    finally:
        for task in tasks:
            task.cancel()
