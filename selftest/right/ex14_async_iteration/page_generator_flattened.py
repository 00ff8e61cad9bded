# right: two async generators: iter_pages walks the cursors, iter_items flattens with `async for`; try/finally context manager
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


async def _iter_pages(api: Any) -> AsyncIterator[dict]:
    cursor = None
    while True:
        page = await api.get(cursor)
        yield page
        if (cursor := page.get("next")) is None:
            break


async def iter_items(api: Any) -> AsyncIterator[Any]:
    async for page in _iter_pages(api):
        for item in page["items"]:
            yield item


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    connection = await server.connect()
    try:
        yield connection
    finally:
        await connection.close()
