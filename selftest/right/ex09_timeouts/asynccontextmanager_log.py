# right: timeout_at with a loop-time deadline; download's open/close logging in an @asynccontextmanager; poll's loop outside the try
import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    deadline = asyncio.get_running_loop().time() + seconds
    try:
        async with asyncio.timeout_at(deadline):
            answer = await api.get(key)
    except TimeoutError:
        return fallback
    return answer


@contextlib.asynccontextmanager
async def _logged(log: list[str], key: str) -> AsyncIterator[None]:
    log.append(f"open {key}")
    try:
        yield
    finally:
        log.append(f"close {key}")


async def download(api: Any, key: str, log: list[str]) -> Any:
    async with _logged(log, key):
        return await api.get(key)


async def poll(api: Any, key: str, log: list[Any]) -> None:
    while True:
        try:
            value = await api.get(key)
        except asyncio.CancelledError:
            log.append("stopped")
            raise
        log.append(value)
