# wrong: dashboard gathers in one order and unpacks in another, so "news" holds the stocks answer and vice versa
# fails: 2
# says: the answer of /stocks under "news"
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return await asyncio.gather(*(api.get(i) for i in ids))


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/stocks"), api.get("/news")
    )
    return {"weather": weather, "news": news, "stocks": stocks}
