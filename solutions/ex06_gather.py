"""Exercise 6 · Run waits together (reference solution)."""

import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    return await asyncio.gather(*(api.get(item_id) for item_id in ids))


async def dashboard(api: Any) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        api.get("/weather"), api.get("/news"), api.get("/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}


if __name__ == "__main__":  # `python exercises/ex06_gather.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
