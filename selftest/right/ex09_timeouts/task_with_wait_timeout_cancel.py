# right: an explicit task + asyncio.wait(timeout=...), the task cancelled and awaited in a finally; class-based async context manager for download
import asyncio
import contextlib
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    task = asyncio.create_task(api.get(key))
    try:
        done, _ = await asyncio.wait({task}, timeout=seconds)
    finally:
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    if task in done:
        return task.result()
    return fallback


class Opened:
    def __init__(self, key: str, log: list[str]) -> None:
        self.key = key
        self.log = log

    async def __aenter__(self) -> "Opened":
        self.log.append(f"open {self.key}")
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        self.log.append(f"close {self.key}")
        return False


async def download(api: Any, key: str, log: list[str]) -> Any:
    async with Opened(key, log):
        result = await api.get(key)
    return result


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise
