# right: anyio CapacityLimiter shared by the tasks of an anyio task group, results by index
from typing import Any

import anyio


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    limiter = anyio.CapacityLimiter(limit)
    results: list[Any] = [None] * len(keys)

    async def fetch(i: int, key: str) -> None:
        async with limiter:
            results[i] = await api.get(key)

    async with anyio.create_task_group() as tg:
        for i, key in enumerate(keys):
            tg.start_soon(fetch, i, key)
    return results
