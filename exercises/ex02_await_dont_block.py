"""Exercise 2 · Await, don't block

An event loop runs many coroutines on one thread. It can switch to another coroutine only
when the current one *awaits* something. `time.sleep(1)` does not await: it freezes the whole
thread, so every other request, download and timer waits too. `await asyncio.sleep(1)`
pauses only this coroutine and lets the loop run the others meanwhile.

    async def main() -> None:
        print("Start")
        await asyncio.sleep(1)   # the loop is free for a second
        print("Done")

Your tasks:
  1. `main()` prints "Start", waits 1 second without blocking the loop, then prints "Done".
  2. `prepare(order, seconds)` takes `seconds` to prepare an order, but while it waits the
     kitchen (the event loop) must keep working on other orders: three orders started
     together finish in the time of the slowest one.

Check your work:  pytest tests/test_ex02_await_dont_block.py    Stuck?  awaitlings hint 2
"""

import asyncio
import time


async def main() -> None:
    print("Start")
    time.sleep(1)  # TODO: this blocks the event loop. Wait without blocking.
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    time.sleep(seconds)  # TODO: same problem here.
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":  # `python exercises/ex02_await_dont_block.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
