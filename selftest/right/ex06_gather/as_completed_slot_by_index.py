# right: as_completed over index-tagged coroutines, each result written into its own slot
import asyncio
from typing import Any


async def _tagged(api: Any, index: int, path: str) -> tuple[int, Any]:
    return index, await api.get(path)


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    results: list[Any] = [None] * len(ids)
    for fut in asyncio.as_completed([_tagged(api, n, i) for n, i in enumerate(ids)]):
        n, value = await fut
        results[n] = value
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}

    async def grab(name: str) -> None:
        out[name] = await api.get(f"/{name}")

    await asyncio.gather(grab("stocks"), grab("news"), grab("weather"))
    return {"weather": out["weather"], "news": out["news"], "stocks": out["stocks"]}
