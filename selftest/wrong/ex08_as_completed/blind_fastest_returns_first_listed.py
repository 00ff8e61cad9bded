# wrong: fastest cancels the others after wait(FIRST_COMPLETED) but returns the first mirror in the list's task, not the one that finished
# fails: 2
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    async def one(k: str) -> None:
        handle(await api.get(k))

    await asyncio.gather(*map(one, keys))


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(m)) for m in mirrors]
    await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for t in tasks[1:]:
        t.cancel()
    return await tasks[0]
