"""Exercise 8 · First come, first served (reference solution)."""

import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    for next_result in asyncio.as_completed([api.get(key) for key in keys]):
        handle(await next_result)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(mirror)) for mirror in mirrors]
    try:
        for first in asyncio.as_completed(tasks):
            return await first
    finally:
        for task in tasks:
            task.cancel()  # no-op for the one that finished


if __name__ == "__main__":  # `python exercises/ex08_as_completed.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
