# wrong: fastest calls asyncio.wait without return_when, so it waits for ALL mirrors (ALL_COMPLETED) before answering
# fails: 2
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    tasks = [asyncio.create_task(api.get(k)) for k in keys]
    for arrival in asyncio.as_completed(tasks):
        handle(await arrival)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(m)) for m in mirrors]
    done, pending = await asyncio.wait(tasks)
    for t in pending:
        t.cancel()
    return list(done)[0].result()
