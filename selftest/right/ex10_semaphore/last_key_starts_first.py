# right: one shared Semaphore; requests queue for it from the last key to the first; answers stored by index
import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    sem = asyncio.Semaphore(limit)
    answers: list[Any] = [None] * len(keys)

    async def fetch(i: int) -> None:
        async with sem:
            answers[i] = await api.get(keys[i])

    async with asyncio.TaskGroup() as tg:
        for i in reversed(range(len(keys))):
            tg.create_task(fetch(i))
    return answers
