# wrong: one module-level Semaphore(3) created at import: ignores `limit` and is shared across calls and event loops (unforeseen)
# fails: 1, 2
import asyncio
from typing import Any

sem = asyncio.Semaphore(3)


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    async def fetch(key: str) -> Any:
        async with sem:
            return await api.get(key)

    return await asyncio.gather(*(fetch(k) for k in keys))
