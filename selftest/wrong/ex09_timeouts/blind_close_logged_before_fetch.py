# wrong: the fetch is started as a task inside the logging block but awaited after it, so "close" is logged before the work is done
# fails: 2
# says: before the fetch had even started
import asyncio
import contextlib
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    try:
        async with asyncio.timeout(seconds):
            return await api.get(key)
    except TimeoutError:
        return fallback


@contextlib.asynccontextmanager
async def opened(key: str, log: list[str]):
    log.append(f"open {key}")
    try:
        yield
    finally:
        log.append(f"close {key}")


async def download(api: Any, key: str, log: list[str]) -> Any:
    async with opened(key, log):
        pending = asyncio.create_task(api.get(key))
    return await pending


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise
