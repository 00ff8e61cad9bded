# wrong: @asynccontextmanager logs "close" after the yield without try/finally, so errors and cancellation skip it
# fails: 2
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
    yield
    log.append(f"close {key}")


async def download(api: Any, key: str, log: list[str]) -> Any:
    async with opened(key, log):
        return await api.get(key)


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise
