# wrong: `yield from` inside an async generator: SyntaxError when the module is imported
# fails: all
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


async def iter_items(api: Any) -> AsyncIterator[Any]:
    cursor = None
    while True:
        page = await api.get(cursor)
        yield from page["items"]
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
