# wrong: fetch_all uses `[await api.get(i) for i in ids]`, which still awaits one fetch at a time
# fails: 1
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return [await api.get(i) for i in ids]


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/news"), api.get("/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}
