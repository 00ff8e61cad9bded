# right: as_completed over tasks; fastest takes next() of the iterator and cancels everything in a finally
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    tasks = [asyncio.create_task(api.get(k)) for k in keys]
    for arrival in asyncio.as_completed(tasks):
        result = await arrival
        handle(result)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    requests = [asyncio.create_task(api.get(m)) for m in mirrors]
    try:
        return await next(asyncio.as_completed(requests))
    finally:
        for r in requests:
            if not r.done():
                r.cancel()
