# wrong: gathers in batches of 10 "to be kind to the API": sequential batches once there are more than 10 ids
# fails: 1
# says: at most 10 were running at the same time
import asyncio
from typing import Any

BATCH = 10


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    results: list[Any] = []
    for start in range(0, len(ids), BATCH):
        results += await asyncio.gather(*(api.get(i) for i in ids[start:start + BATCH]))
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/news"), api.get("/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}
