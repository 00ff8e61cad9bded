# right: poll logs "stopped" in a finally (it only ever ends by cancellation); wait_for inside a helper; open logged inside the try
import asyncio
from typing import Any


async def _get_within(api: Any, key: str, seconds: float) -> Any:
    return await asyncio.wait_for(api.get(key), seconds)


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    try:
        answer = await _get_within(api, key, seconds)
    except TimeoutError:
        answer = fallback
    return answer


async def download(api: Any, key: str, log: list[str]) -> Any:
    try:
        log.append(f"open {key}")
        return await api.get(key)
    finally:
        log.append(f"close {key}")


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            log.append(await api.get(key))
    finally:
        log.append("stopped")
