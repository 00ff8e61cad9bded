# wrong: threads instead of asyncio: every fetch runs with asyncio.run on its own event loop in a worker thread
# fails: all
# says: from a second event loop
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return await asyncio.gather(*(asyncio.to_thread(asyncio.run, api.get(i)) for i in ids))


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        asyncio.to_thread(asyncio.run, api.get("/weather")),
        asyncio.to_thread(asyncio.run, api.get("/news")),
        asyncio.to_thread(asyncio.run, api.get("/stocks")),
    )
    return {"weather": weather, "news": news, "stocks": stocks}
