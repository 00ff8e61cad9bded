# wrong: the fetch runs as a shielded task; when download is cancelled it logs "close" and only then cancels the fetch, without waiting for it to stop
# fails: 2
# says: while the fetch was still running
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
    fetch = asyncio.ensure_future(api.get(key))
    try:
        return await asyncio.shield(fetch)
    finally:
        log.append(f"close {key}")
        fetch.cancel()


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise
