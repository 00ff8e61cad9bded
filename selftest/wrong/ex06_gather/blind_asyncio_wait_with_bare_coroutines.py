# wrong: asyncio.wait() given bare coroutines (forbidden since 3.11: TypeError), and dashboard returns a tuple instead of a dict (unforeseen)
# fails: all
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    done, _ = await asyncio.wait([api.get(i) for i in ids])
    return [t.result() for t in done]


async def dashboard(api: Any) -> dict[str, Any]:
    return tuple(await asyncio.gather(api.get("/weather"), api.get("/news"), api.get("/stocks")))
