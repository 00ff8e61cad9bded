"""Exercise 9 · Timeouts and cancellation (reference solution)."""

import asyncio
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    try:
        async with asyncio.timeout(seconds):
            return await api.get(key)
    except TimeoutError:
        return fallback


async def download(api: Any, key: str, log: list[str]) -> Any:
    log.append(f"open {key}")
    try:
        return await api.get(key)
    finally:
        log.append(f"close {key}")


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise


if __name__ == "__main__":  # `python exercises/ex09_timeouts.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
