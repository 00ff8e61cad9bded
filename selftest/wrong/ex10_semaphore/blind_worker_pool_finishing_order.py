# wrong: a worker pool that appends each answer as it arrives, so the list is in finishing order, not the order of keys
# fails: 1
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for key in keys:
        queue.put_nowait(key)
    results: list[Any] = []

    async def worker() -> None:
        while not queue.empty():
            key = queue.get_nowait()
            results.append(await api.get(key))

    await asyncio.gather(*(worker() for _ in range(limit)))
    return results
