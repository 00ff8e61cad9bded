# wrong: a typo in its own dictionary key raises KeyError (an unforeseen mistake: the explainer names the line)
# fails: 2
# says: ex06_gather.py:16
# says: KeyError: 'nws'

import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return await asyncio.gather(*(api.get(item_id) for item_id in ids))


async def dashboard(api: Any) -> dict[str, Any]:
    found = dict(zip(["weather", "news", "stocks"], await asyncio.gather(api.get("/weather"), api.get("/news"), api.get("/stocks"))))
    return {"weather": found["weather"], "news": found["nws"], "stocks": found["stocks"]}
