# right: one shared Semaphore, requests start in a shuffled order, answers put back in key order
import asyncio
import random
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    sem = asyncio.Semaphore(limit)
    results: list[Any] = [None] * len(keys)

    async def job(i: int) -> None:
        async with sem:
            results[i] = await api.get(keys[i])

    order = list(range(len(keys)))
    random.shuffle(order)
    await asyncio.gather(*(job(i) for i in order))
    return results
