# wrong: returns asyncio.gather(...) without awaiting it
# fails: 1
# says: must itself be awaited
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return asyncio.gather(*(api.get(item_id) for item_id in ids))


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/news"), api.get("/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}

