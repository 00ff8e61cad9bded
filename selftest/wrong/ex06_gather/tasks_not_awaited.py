# wrong: creates tasks and returns them without awaiting them
# fails: all
# says: never awaited
# says: still running
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    tasks = [asyncio.create_task(api.get(item_id)) for item_id in ids]
    return tasks


async def dashboard(api: Any) -> dict[str, Any]:
    weather = asyncio.create_task(api.get("/weather"))
    news = asyncio.create_task(api.get("/news"))
    stocks = asyncio.create_task(api.get("/stocks"))
    return {"weather": weather, "news": news, "stocks": stocks}
