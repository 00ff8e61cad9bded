# wrong: calls asyncio.run() inside a coroutine (RuntimeError: cannot be called from a running event loop) and returns gather un-awaited (unforeseen)
# fails: all
import asyncio
from typing import Any


async def _all(api: Any, ids: list[str]) -> list[Any]:
    return list(await asyncio.gather(*(api.get(i) for i in ids)))


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return asyncio.run(_all(api, ids))


async def dashboard(api: Any) -> dict[str, Any]:
    results = asyncio.gather(api.get("/weather"), api.get("/news"), api.get("/stocks"))
    return {"weather": results[0], "news": results[1], "stocks": results[2]}
