# wrong: only the call that creates the coroutine is inside `async with sem:`; the request itself is awaited after the slot is released
# fails: 1, 2
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    sem = asyncio.Semaphore(limit)

    async def fetch(key: str) -> Any:
        async with sem:
            request = api.get(key)
        return await request

    return await asyncio.gather(*(fetch(k) for k in keys))
