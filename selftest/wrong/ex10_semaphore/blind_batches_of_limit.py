# wrong: gathers the keys in batches of `limit`, so a free slot waits until the whole batch has finished
# fails: 2
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    results: list[Any] = []
    for start in range(0, len(keys), limit):
        batch = keys[start:start + limit]
        results.extend(await asyncio.gather(*(api.get(k) for k in batch)))
    return results
