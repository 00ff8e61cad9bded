# wrong: fetch_all appends results as they finish (as_completed), so the list is in finishing order, not the order of ids
# fails: 1
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    results = []
    for next_result in asyncio.as_completed([api.get(i) for i in ids]):
        results.append(await next_result)
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/news"), api.get("/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}
