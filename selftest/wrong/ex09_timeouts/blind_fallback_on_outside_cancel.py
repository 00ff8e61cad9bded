# wrong: fetch_with_timeout also catches CancelledError and returns the fallback, swallowing a cancellation from its caller
# fails: 1
import asyncio
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    try:
        return await asyncio.wait_for(api.get(key), seconds)
    except (asyncio.TimeoutError, asyncio.CancelledError):
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
