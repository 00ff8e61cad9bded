"""Exercise 9 · Timeouts and cancellation

A call to another service can hang for a long time. Give it a deadline: when the time is
up, asyncio *cancels* the waiting coroutine (it raises `asyncio.CancelledError` at the
`await` where it is paused) and the deadline shows up as `TimeoutError` for you:

    try:
        async with asyncio.timeout(2):         # or: await asyncio.wait_for(coro, 2)
            page = await download(url)
    except TimeoutError:
        page = "offline copy"

Cancellation travels *through* your code, so two rules keep it working:
- cleanup that must always happen (closing, releasing, logging) goes in `finally:`; code
  after an `await` never runs if that `await` is cancelled;
- if you catch `asyncio.CancelledError` (to log or tidy up), `raise` it again afterwards.
  Swallowing it means whoever cancelled you never learns that you stopped.

`api` is a slow service: `await api.get(key)` returns the answer for `key`. `log` is a list.

Your tasks:
  1. `fetch_with_timeout(api, key, seconds, fallback)` returns the answer if it arrives
     within `seconds`, otherwise gives up at `seconds` (the slow call is cancelled, nothing
     left running) and returns `fallback`.
  2. `download(api, key, log)` appends "open <key>", fetches, and always appends
     "close <key>": after success, after an error, and when it is cancelled.
  3. `poll(api, key, log)` keeps fetching `key` and appends every answer to `log`, forever.
     When it is cancelled it appends "stopped", and it still ends as cancelled.

Check your work:  pytest tests/test_ex09_timeouts.py     Stuck?  awaitlings hint 9
"""

import asyncio
from typing import Any


async def fetch_with_timeout(api: Any, key: str, seconds: float, fallback: Any) -> Any:
    return await api.get(key)  # TODO: give up after `seconds` and return `fallback`


async def download(api: Any, key: str, log: list[str]) -> Any:
    log.append(f"open {key}")
    result = await api.get(key)
    log.append(f"close {key}")  # TODO: this line is skipped by errors and cancellation
    return result


async def poll(api: Any, key: str, log: list[Any]) -> None:
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        # TODO: the cancellation stops here; whoever cancelled `poll` never finds out


if __name__ == "__main__":  # `python exercises/ex09_timeouts.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
