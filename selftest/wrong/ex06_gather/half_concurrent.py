# wrong: gathers the first two requests, then awaits the rest one by one
# fails: all
# says: at most 2 were running at the same time
# says: █
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    results = list(await asyncio.gather(*(api.get(item_id) for item_id in ids[:2])))
    for item_id in ids[2:]:
        results.append(await api.get(item_id))
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news = await asyncio.gather(api.get("/weather"), api.get("/news"))
    stocks = await api.get("/stocks")
    return {"weather": weather, "news": news, "stocks": stocks}
