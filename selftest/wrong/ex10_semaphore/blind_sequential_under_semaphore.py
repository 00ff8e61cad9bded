# wrong: takes the semaphore inside a plain for loop, so requests still run one at a time
# fails: 1, 2
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    sem = asyncio.Semaphore(limit)
    results = []
    for key in keys:
        async with sem:
            results.append(await api.get(key))
    return results
