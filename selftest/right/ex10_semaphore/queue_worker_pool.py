# right: an asyncio.Queue of (index, key) and `limit` workers that write results by index
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
    for item in enumerate(keys):
        queue.put_nowait(item)
    results: list[Any] = [None] * len(keys)

    async def worker() -> None:
        while True:
            try:
                index, key = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            results[index] = await api.get(key)

    await asyncio.gather(*(worker() for _ in range(min(limit, len(keys)))))
    return results
