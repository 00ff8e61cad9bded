# wrong: `with sem:` instead of `async with sem:` (TypeError: 'Semaphore' object does not support the context manager protocol) (unforeseen)
# fails: all
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    sem = asyncio.Semaphore(limit)

    async def fetch(key: str) -> Any:
        with sem:
            return await api.get(key)

    return await asyncio.gather(*(fetch(k) for k in keys))
