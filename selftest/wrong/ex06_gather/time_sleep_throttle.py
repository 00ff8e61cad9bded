# wrong: "throttles" each request with time.sleep inside async def
# fails: all
# says: blocked
import asyncio
import time
from typing import Any


async def polite_get(api: Any, path: str) -> Any:
    time.sleep(0.1)  # be nice to the API
    return await api.get(path)


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return await asyncio.gather(*(polite_get(api, item_id) for item_id in ids))


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        polite_get(api, "/weather"), polite_get(api, "/news"), polite_get(api, "/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}
