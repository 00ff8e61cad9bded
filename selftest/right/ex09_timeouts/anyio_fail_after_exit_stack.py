# right: anyio.fail_after for the deadline; download closes via AsyncExitStack.callback; poll uses anyio's cancelled-exception class
from contextlib import AsyncExitStack
from typing import Any

import anyio


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    try:
        with anyio.fail_after(seconds):
            return await api.get(key)
    except TimeoutError:
        return fallback


async def download(api: Any, key: str, log: list[str]) -> Any:
    async with AsyncExitStack() as stack:
        log.append(f"open {key}")
        stack.callback(log.append, f"close {key}")
        return await api.get(key)


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            log.append(await api.get(key))
    except anyio.get_cancelled_exc_class():
        log.append("stopped")
        raise
