# wrong: closes in `except Exception` and after a clean body, but CancelledError is a BaseException: a cancelled body leaks the connection
# fails: 4
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


async def iter_items(api: Any) -> AsyncIterator[Any]:
    cursor = None
    while True:
        page = await api.get(cursor)
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
    except Exception:
        await conn.close()
        raise
    await conn.close()
