"""Exercise 10 · Limit concurrency

Starting every request at once is fast, until the other side says "too many requests".
Many services allow only N requests in flight per client. An `asyncio.Semaphore(n)` is a
counter of free slots: `async with sem:` takes a slot (waiting while none is free) and gives
it back at the end of the block, so at most n coroutines are inside at any moment.

    sem = asyncio.Semaphore(2)            # ONE semaphore, shared by all the coroutines

    async def wash(dish: str) -> str:
        async with sem:                   # only two dishes in the sink at a time
            await asyncio.sleep(1)
            return f"clean {dish}"

    await asyncio.gather(*(wash(d) for d in ["cup", "plate", "bowl"]))   # 2 s, not 1 or 3

`api` below refuses a request (raises `ServiceError`) when more than `limit` are in flight.

Your tasks:
  1. `fetch_all_limited(api, keys, limit)` returns the answer of `api.get(key)` for every
     key, in the order of `keys`, never with more than `limit` requests in flight, and as
     fast as that allows: while requests are waiting, `limit` of them are running.
  2. The same when requests take different times: a slot is reused the moment it frees up,
     not when a whole batch has finished.

Check your work:  pytest tests/test_ex10_semaphore.py     Stuck?  awaitlings hint 10
"""

import asyncio
from typing import Any


async def fetch_all_limited(api: Any, keys: list[str], limit: int) -> list[Any]:
    # TODO: at most `limit` requests may be in flight at the same time
    return await asyncio.gather(*(api.get(key) for key in keys))


if __name__ == "__main__":  # `python exercises/ex10_semaphore.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
