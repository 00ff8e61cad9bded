# right: `limit` workers pulling from one shared enumerate() iterator, results stored in a dict and read back in order
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    todo = iter(enumerate(keys))
    answers: dict[int, Any] = {}

    async def worker() -> None:
        for index, key in todo:
            answers[index] = await api.get(key)

    workers = [asyncio.create_task(worker()) for _ in range(limit)]
    await asyncio.gather(*workers)
    return [answers[i] for i in range(len(keys))]
