# wrong: `page = api.get(cursor)` without await: TypeError, 'coroutine' object is not subscriptable
# fails: 1, 2
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


async def iter_items(api: Any) -> AsyncIterator[Any]:
    cursor = None
    while True:
        page = api.get(cursor)
        for item in page["items"]:
            yield item
        cursor = page["next"]
        if cursor is None:
            break


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
