# wrong: creates each task and awaits it straight away, so only one runs at a time
# fails: all
# says: one after another
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    results = []
    for item_id in ids:
        task = asyncio.create_task(api.get(item_id))
        results.append(await task)
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    weather = await asyncio.create_task(api.get("/weather"))
    news = await asyncio.create_task(api.get("/news"))
    stocks = await asyncio.create_task(api.get("/stocks"))
    return {"weather": weather, "news": news, "stocks": stocks}
