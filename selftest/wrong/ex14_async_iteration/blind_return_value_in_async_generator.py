# wrong: `return items` with a value inside an async generator: SyntaxError when the module is imported
# fails: all
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


async def iter_items(api: Any) -> AsyncIterator[Any]:
    items = []
    cursor = None
    while True:
        page = await api.get(cursor)
        for item in page["items"]:
            items.append(item)
            yield item
        cursor = page["next"]
        if cursor is None:
            return items


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
