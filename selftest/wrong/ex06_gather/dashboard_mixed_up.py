# wrong: unpacks gather's results in a different order than the calls were passed
# fails: 2
# says: the answer of /weather under "news"
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return await asyncio.gather(*(api.get(item_id) for item_id in ids))


async def dashboard(api: Any) -> dict[str, Any]:
    news, weather, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/news"), api.get("/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}
