# wrong: poll loops `while not current_task().cancelled()` and logs "stopped" after the loop; the CancelledError at the await skips it
# fails: 3
import asyncio
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    try:
        return await asyncio.wait_for(api.get(key), seconds)
    except TimeoutError:
        return fallback


async def download(api: Any, key: str, log: list[str]) -> Any:
    log.append(f"open {key}")
    try:
        return await api.get(key)
    finally:
        log.append(f"close {key}")


async def poll(api: Any, key: str, log: list[Any]) -> None:
    me = asyncio.current_task()
    while not me.cancelled():
        log.append(await api.get(key))
    log.append("stopped")
