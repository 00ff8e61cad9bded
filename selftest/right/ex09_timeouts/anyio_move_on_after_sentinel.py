# right: anyio.move_on_after with a sentinel and cancelled_caught; try/finally download with the fetch result returned after; poll with a flag checked in finally
import asyncio
from typing import Any

import anyio

_MISSING = object()


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    answer: Any = _MISSING
    with anyio.move_on_after(seconds) as scope:
        answer = await api.get(key)
    if scope.cancelled_caught or answer is _MISSING:
        return fallback
    return answer


async def download(api: Any, key: str, log: list[str]) -> Any:
    log.append("open " + key)
    try:
        data = await api.get(key)
    finally:
        log.append("close " + key)
    return data


async def poll(api: Any, key: str, log: list[Any]) -> None:
    cancelled = False
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        cancelled = True
        raise
    finally:
        if cancelled:
            log.append("stopped")
