# wrong: asyncio.Semaphore(keys) instead of Semaphore(limit), crashing with TypeError on the comparison (unforeseen)
# fails: all
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    sem = asyncio.Semaphore(keys)

    async def fetch(key: str) -> Any:
        async with sem:
            return await api.get(key)

    return await asyncio.gather(*(fetch(k) for k in keys))
