# right: each call wrapped in a small coroutine that handles its own result, all gathered; fastest via wait(FIRST_COMPLETED)
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    async def fetch_and_handle(key: str) -> None:
        handle(await api.get(key))

    await asyncio.gather(*(fetch_and_handle(k) for k in keys))


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = {asyncio.create_task(api.get(m)) for m in mirrors}
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return next(iter(done)).result()
