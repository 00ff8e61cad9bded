# wrong: class-based context manager with a plain `def __aexit__` that calls close() without awaiting: TypeError from async with
# fails: 3, 4
# says: Write `async def __aexit__(self, exc_type, exc, tb):`
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


class open_connection:
    def __init__(self, server):
        self.server = server

    async def __aenter__(self):
        self.conn = await self.server.connect()
        return self.conn

    def __aexit__(self, exc_type, exc, tb):
        self.conn.close()
