# right: asyncio.wait_for for the deadline; download with except BaseException + re-raise and an else branch; poll re-raises the caught object
import asyncio
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    try:
        return await asyncio.wait_for(api.get(key), timeout=seconds)
    except asyncio.TimeoutError:
        return fallback


async def download(api: Any, key: str, log: list[str]) -> Any:
    log.append(f"open {key}")
    try:
        result = await api.get(key)
    except BaseException:
        log.append(f"close {key}")
        raise
    else:
        log.append(f"close {key}")
        return result


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            answer = await api.get(key)
            log.append(answer)
    except asyncio.CancelledError as exc:
        log.append("stopped")
        raise exc
