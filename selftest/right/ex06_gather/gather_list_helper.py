# right: gather over a prebuilt list (map/lambda) and a shared helper for the dashboard
import asyncio
from typing import Any

DASHBOARD = ("weather", "news", "stocks")


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    coros = list(map(api.get, ids))
    results = await asyncio.gather(*coros)
    return list(results)


async def dashboard(api: Any) -> dict[str, Any]:
    values = await fetch_all(api, [f"/{name}" for name in DASHBOARD])
    return dict(zip(DASHBOARD, values))
