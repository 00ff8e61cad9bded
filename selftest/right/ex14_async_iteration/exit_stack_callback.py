# right: async generator with `while True`/break; open_connection registers conn.close on a contextlib.AsyncExitStack
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any


async def iter_items(api: Any) -> AsyncIterator[Any]:
    cursor = None
    while True:
        page = await api.get(cursor)
        for item in page["items"]:
            yield item
        cursor = page["next"]
        if cursor is None:
            break


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    async with AsyncExitStack() as stack:
        conn = await server.connect()
        stack.push_async_callback(conn.close)
        yield conn
