# wrong: hands asyncio.gather a list instead of unpacking it (an unforeseen mistake: the explainer names the line)
# fails: 1
# says: ex06_gather.py:12
# says: not a list
# says: gather(*

import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return await asyncio.gather([api.get(item_id) for item_id in ids])


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(api.get("/weather"), api.get("/news"), api.get("/stocks"))
    return {"weather": weather, "news": news, "stocks": stocks}
