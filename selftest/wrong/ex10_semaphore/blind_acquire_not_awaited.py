# wrong: sem.acquire() called without await (never-awaited coroutine, no limit at all) (unforeseen)
# fails: all
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    sem = asyncio.Semaphore(limit)

    async def fetch(key: str) -> Any:
        sem.acquire()
        try:
            return await api.get(key)
        finally:
            sem.release()

    return await asyncio.gather(*(fetch(k) for k in keys))
