# wrong: misspells asyncio.Semaphore (an unforeseen mistake: the explainer names the line)
# fails: 1
# says: ex10_semaphore.py:11
# says: AttributeError

import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    slots = asyncio.Semaphor(limit)

    async def fetch(key: str) -> Any:
        async with slots:
            return await api.get(key)

    return await asyncio.gather(*(fetch(key) for key in keys))
