# right: an asyncio.wait(FIRST_COMPLETED) loop for process_as_ready; fastest cancels in a finally without awaiting
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    pending = {asyncio.create_task(api.get(k)) for k in keys}
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            handle(task.result())


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(m)) for m in mirrors]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        return done.pop().result()
    finally:
        for t in tasks:
            t.cancel()
