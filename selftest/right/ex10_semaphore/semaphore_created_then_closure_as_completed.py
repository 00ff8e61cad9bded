# right: Semaphore with index-tagged coroutines collected via as_completed, then sorted back into key order
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    sem = asyncio.Semaphore(limit)

    async def job(i: int, key: str) -> tuple[int, Any]:
        async with sem:
            return i, await api.get(key)

    pairs = [await fut for fut in asyncio.as_completed([job(i, k) for i, k in enumerate(keys)])]
    return [value for _, value in sorted(pairs, key=lambda p: p[0])]
