# wrong: checks "next" before yielding the page's items, so the items of the last page are never yielded
# fails: 1
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


async def iter_items(api: Any) -> AsyncIterator[Any]:
    cursor = None
    while True:
        page = await api.get(cursor)
        cursor = page["next"]
        if cursor is None:
            break
        for item in page["items"]:
            yield item


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
