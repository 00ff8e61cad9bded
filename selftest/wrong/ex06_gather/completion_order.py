# wrong: collects results with as_completed, so they come back in the order they finished
# fails: 1
# says: in the order the fetches finished
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    results = []
    for next_done in asyncio.as_completed([api.get(item_id) for item_id in ids]):
        results.append(await next_done)
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/news"), api.get("/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}

