# right: asyncio.TaskGroup, tasks kept in a list and read with .result() after the block
"""Exercise 6, solved with a TaskGroup."""

import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(api.get(item_id)) for item_id in ids]
    return [task.result() for task in tasks]


async def dashboard(api: Any) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        weather = tg.create_task(api.get("/weather"))
        news = tg.create_task(api.get("/news"))
        stocks = tg.create_task(api.get("/stocks"))
    return {"weather": weather.result(), "news": news.result(), "stocks": stocks.result()}
