# wrong: dashboard collects the answers with as_completed and unpacks them as if they came back in the order asked, so each name gets whichever answer arrived in its place
# fails: 2
# says: the answer of /stocks under "weather"
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return await asyncio.gather(*(api.get(item_id) for item_id in ids))


async def dashboard(api: Any) -> dict[str, Any]:
    calls = [api.get("/weather"), api.get("/news"), api.get("/stocks")]
    weather, news, stocks = [await answer for answer in asyncio.as_completed(calls)]
    return {"weather": weather, "news": news, "stocks": stocks}
