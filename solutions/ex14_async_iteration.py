"""Exercise 14 · Async iteration and context managers (reference solution)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


async def iter_items(api: Any) -> AsyncIterator[Any]:
    cursor = None
    while True:
        page = await api.get(cursor)  # one page, only when the consumer wants more
        for item in page["items"]:
            yield item
        cursor = page["next"]
        if cursor is None:
            return


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    conn = await server.connect()
    try:
        yield conn
    finally:  # runs after the body, also when it raised or was cancelled
        await conn.close()


if __name__ == "__main__":  # `python exercises/ex14_async_iteration.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
