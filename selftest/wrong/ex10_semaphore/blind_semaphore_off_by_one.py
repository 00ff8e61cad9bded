# wrong: Semaphore(limit - 1) "to be safe": never more than limit in flight, but slower than the limit allows
# fails: 1, 2
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    sem = asyncio.Semaphore(max(1, limit - 1))

    async def fetch(key: str) -> Any:
        async with sem:
            return await api.get(key)

    return await asyncio.gather(*(fetch(k) for k in keys))
