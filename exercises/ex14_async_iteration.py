"""Exercise 14 · Async iteration and context managers

`for` and `with` have async twins. `async for` pulls values from an *async iterator*, which
may await between values: the easiest way to write one is an async generator, an `async def`
that uses `yield`. `async with` uses an *async context manager*, whose setup and cleanup may
await: the easiest way to write one is `@contextlib.asynccontextmanager` on an async
generator that yields exactly once.

    async def countdown(n):              # an async generator
        while n > 0:
            await asyncio.sleep(1)       # may await between values
            yield n
            n -= 1

    async for x in countdown(3):         # 3, 2, 1: one value per second, computed on demand
        print(x)

    @asynccontextmanager
    async def timer(name):               # an async context manager
        start = time.monotonic()
        yield                            # the body of `async with timer("x"):` runs here
        print(name, time.monotonic() - start)

`api` below is a slow paged API: `page = await api.get(cursor)` returns a dict like
`{"items": ["a", "b"], "next": "k3f9"}`. Ask with `cursor=None` for the first page, then with
the page's "next" for the following one; the last page has `"next": None`.

`server` is a slow database server: `conn = await server.connect()` opens a connection, and
`await conn.close()` closes it. A connection left open is a leak: the server runs out of them.

Your tasks:
  1. `iter_items(api)` is an async iterator: `async for item in iter_items(api)` gives every
     item of every page, in order.
  2. It is lazy: it asks for a page only when the consumer needs its first item, and one page
     at a time. A consumer that stops after 2 items costs one page fetch, not all of them.
  3. `async with open_connection(server) as conn:` connects, gives the body the connection, and
     closes it (awaiting the close) when the body is done.
  4. The connection is closed even when the body raises an exception (which must still reach
     the caller) or is cancelled.

Check your work:  pytest tests/test_ex14_async_iteration.py     Stuck?  awaitlings hint 14
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


async def iter_items(api: Any) -> AsyncIterator[Any]:
    # TODO: make this an async generator: fetch one page at a time, starting with
    #       `await api.get(None)`, and `yield` each of its items before asking for the next.
    ...


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    # TODO: connect with `await server.connect()`, hand the connection to the body with
    #       `yield`, and always close it afterwards with `await conn.close()`.
    yield None


if __name__ == "__main__":  # `python exercises/ex14_async_iteration.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
