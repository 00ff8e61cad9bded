# wrong: class-based context manager whose __aexit__ closes only when the body finished without an exception
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


class open_connection:
    def __init__(self, server):
        self.server = server

    async def __aenter__(self):
        self.conn = await self.server.connect()
        return self.conn

    async def __aexit__(self, exc_type, exc, tb):
        if exc_type is None:
            await self.conn.close()
