# wrong: the try/finally wraps only the "open" line, so "close" is logged before the fetch even starts (the fetch is outside the try)
# fails: 2
# says: before the fetch had even started
import asyncio
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    try:
        async with asyncio.timeout(seconds):
            return await api.get(key)
    except TimeoutError:
        return fallback


async def download(api: Any, key: str, log: list[str]) -> Any:
    try:
        log.append(f"open {key}")
    finally:
        log.append(f"close {key}")
    return await api.get(key)


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise
