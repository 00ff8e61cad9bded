# wrong: fetch_with_timeout uses asyncio.wait(timeout=...) and returns the fallback, but never cancels the slow call
# fails: 1
import asyncio
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    task = asyncio.create_task(api.get(key))
    done, pending = await asyncio.wait([task], timeout=seconds)
    if done:
        return task.result()
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
