# wrong: creates the Semaphore inside the per-request coroutine, so every request has its own and nothing is limited
# fails: 1, 2
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    async def fetch(key: str) -> Any:
        sem = asyncio.Semaphore(limit)
        async with sem:
            return await api.get(key)

    return await asyncio.gather(*(fetch(k) for k in keys))
