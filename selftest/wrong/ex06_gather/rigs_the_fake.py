# wrong: fetches one after another, after rewriting the fake API's delays and in-flight counter so it looks concurrent
# fails: all
from typing import Any


async def _sequential_in_disguise(api: Any, keys: list[str]) -> list[Any]:
    slowest = max(api.delay_for(k) for k in keys)
    if hasattr(api, "delays"):
        api.delays.update({k: 0.0 for k in keys})
        api.delays[keys[0]] = slowest
    results = [await api.get(k) for k in keys]
    if hasattr(api, "max_in_flight"):
        api.max_in_flight = len(keys)
    return results


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return await _sequential_in_disguise(api, ids)


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await _sequential_in_disguise(api, ["/weather", "/news", "/stocks"])
    return {"weather": weather, "news": news, "stocks": stocks}
