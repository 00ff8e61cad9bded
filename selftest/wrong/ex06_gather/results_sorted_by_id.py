# wrong: fetch_all fetches the ids in sorted order (to "keep things tidy") and returns the results in that order, not in the order of ids
# fails: 1
# says: not in the order they were asked for
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return await asyncio.gather(*(api.get(item_id) for item_id in sorted(ids)))


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/news"), api.get("/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}
