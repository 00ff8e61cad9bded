# wrong: asyncio.wait(tasks) and reads results from the `done` set, whose order is not the order of ids
# fails: 1
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    tasks = [asyncio.create_task(api.get(i)) for i in ids]
    done, _pending = await asyncio.wait(tasks)
    return [task.result() for task in done]


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/news"), api.get("/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}
