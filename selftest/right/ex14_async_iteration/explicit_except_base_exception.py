# right: close on every path spelled out: except BaseException closes and re-raises, else-branch closes after a clean body
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


async def iter_items(api: Any) -> AsyncIterator[Any]:
    page = await api.get(None)
    while True:
        for item in page["items"]:
            yield item
        if page["next"] is None:
            return
        page = await api.get(page["next"])


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    conn = await server.connect()
    try:
        yield conn
    except BaseException:
        await conn.close()
        raise
    else:
        await conn.close()
