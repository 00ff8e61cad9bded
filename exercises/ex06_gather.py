"""Exercise 6 · Run waits together

Awaiting one call after another makes async code exactly as slow as sync code: three
fetches of 0.3 s take 0.9 s. When the calls do not depend on each other, start them all
and wait for them together. `asyncio.gather` does that, and hands the results back in the
order you passed the awaitables in, whatever order they finish in:

    async def boil(item: str, minutes: float) -> str:
        await asyncio.sleep(minutes)
        return f"{item} boiled"

    eggs, rice = await asyncio.gather(boil("eggs", 0.5), boil("rice", 0.2))   # 0.5 s, not 0.7 s
    menu = await asyncio.gather(*(boil(x, 0.1) for x in ["peas", "corn"]))    # a list

(An `asyncio.TaskGroup` works too, if you collect the results in order.)

`api.get(path)` below is a coroutine function: a slow HTTP call. Some paths answer sooner
than others.

Your tasks:
  1. `fetch_all(api, ids)` fetches `api.get(id)` for every id at the same time and returns
     the results as a list, in the order of `ids`.
  2. `dashboard(api)` fetches "/weather", "/news" and "/stocks" at the same time.

Check your work:  pytest tests/test_ex06_gather.py     Stuck?  awaitlings hint 6
"""

import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    results = []
    for item_id in ids:  # TODO: one fetch at a time. Fetch them all at once.
        results.append(await api.get(item_id))
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    # TODO: these three do not depend on each other. Wait for them together.
    weather = await api.get("/weather")
    news = await api.get("/news")
    stocks = await api.get("/stocks")
    return {"weather": weather, "news": news, "stocks": stocks}


if __name__ == "__main__":  # `python exercises/ex06_gather.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
