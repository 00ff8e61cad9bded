# wrong: `with asyncio.timeout(...)` instead of `async with` (TypeError), and wait_for given the method uncalled (unforeseen)
# fails: 1, 3
import asyncio
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    try:
        with asyncio.timeout(seconds):
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
            log.append(await asyncio.wait_for(api.get, 10))
    except asyncio.CancelledError:
        log.append("stopped")
        raise
