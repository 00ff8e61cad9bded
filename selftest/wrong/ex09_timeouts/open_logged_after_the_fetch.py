# wrong: "open" is logged only once the answer has arrived, so the fetch ran before the connection was opened
# fails: 2
# says: When `api.get(key)` began, the log read []
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
        data = await api.get(key)
        log.append(f"open {key}")
        return data
    finally:
        log.append(f"close {key}")


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise
