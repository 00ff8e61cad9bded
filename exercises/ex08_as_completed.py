"""Exercise 8 · First come, first served

`asyncio.gather` hands you every result at once, when the slowest call has finished. Often
you can do better: show the first search hit, store the first download, answer with the
first mirror that replies. `asyncio.as_completed` gives you the results in the order they
*arrive*, each one as soon as it is ready:

    async def cook(dish: str, minutes: float) -> str:
        await asyncio.sleep(minutes)
        return dish

    for next_dish in asyncio.as_completed([cook("soup", 3), cook("toast", 1)]):
        dish = await next_dish      # "toast" after 1 s, then "soup" after 3 s
        print("serve", dish)

Work you start and then no longer need should not keep running: cancel it (`task.cancel()`).

`api` below is a slow service: `await api.get(key)` returns the answer for `key`, some keys
faster than others. Make the calls in this exercise all at the same time.

Your tasks:
  1. `process_as_ready(api, keys, handle)` asks the API for every key at once and calls
     `handle(result)` (a plain function) for each result the moment it arrives, not after
     the slowest one.
  2. `fastest(api, mirrors)` asks every mirror at once, returns the first answer that
     arrives, and cancels the requests that are still running.

Check your work:  pytest tests/test_ex08_as_completed.py     Stuck?  awaitlings hint 8
"""

import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    results = await asyncio.gather(*(api.get(key) for key in keys))
    for result in results:  # TODO: handle each result when IT arrives, not after all of them
        handle(result)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    results = await asyncio.gather(*(api.get(mirror) for mirror in mirrors))
    return results[0]  # TODO: return the FIRST answer to arrive, and cancel the rest


if __name__ == "__main__":  # `python exercises/ex08_as_completed.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
