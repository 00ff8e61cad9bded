# right: BoundedSemaphore with explicit acquire()/release() in try/finally, tasks in a TaskGroup
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    slots = asyncio.BoundedSemaphore(limit)

    async def limited(key: str) -> Any:
        await slots.acquire()
        try:
            return await api.get(key)
        finally:
            slots.release()

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(limited(k)) for k in keys]
    return [t.result() for t in tasks]
