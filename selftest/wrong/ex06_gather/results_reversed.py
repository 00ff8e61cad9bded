# wrong: fetch_all pops the finished tasks off the end of its list, so the results come back reversed
# fails: 1
# says: in a different order
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    tasks = [asyncio.create_task(api.get(item_id)) for item_id in ids]
    await asyncio.wait(tasks)
    results = []
    while tasks:
        results.append(tasks.pop().result())
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/news"), api.get("/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}
