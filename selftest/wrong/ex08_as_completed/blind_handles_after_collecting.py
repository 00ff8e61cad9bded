# wrong: process_as_ready loops over as_completed but only calls handle() after the loop, once the slowest has arrived
# fails: 1
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    arrived = []
    for arrival in asyncio.as_completed([api.get(k) for k in keys]):
        arrived.append(await arrival)
    for result in arrived:
        handle(result)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(m)) for m in mirrors]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for t in pending:
        t.cancel()
    return done.pop().result()
