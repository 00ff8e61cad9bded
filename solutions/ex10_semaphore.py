"""Exercise 10 · Limit concurrency (reference solution)."""

import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    slots = asyncio.Semaphore(limit)

    async def fetch(key: str) -> Any:
        async with slots:
            return await api.get(key)

    return await asyncio.gather(*(fetch(key) for key in keys))


if __name__ == "__main__":  # `python exercises/ex10_semaphore.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
