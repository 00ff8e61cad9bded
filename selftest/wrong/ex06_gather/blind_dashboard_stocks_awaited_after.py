# wrong: dashboard gathers weather and news together but fetches stocks afterwards, so not all three at the same time
# fails: 2
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return list(await asyncio.gather(*(api.get(i) for i in ids)))


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news = await asyncio.gather(api.get("/weather"), api.get("/news"))
    stocks = await api.get("/stocks")
    return {"weather": weather, "news": news, "stocks": stocks}
