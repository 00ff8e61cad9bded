# wrong: class-based async iterator whose first __anext__ fetches every page into a buffer before returning the first item
# fails: 2
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


class iter_items:
    def __init__(self, api):
        self.api = api
        self.items = None

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.items is None:
            self.items = []
            cursor = None
            while True:
                page = await self.api.get(cursor)
                self.items.extend(page["items"])
                cursor = page["next"]
                if cursor is None:
                    break
        if not self.items:
            raise StopAsyncIteration
        return self.items.pop(0)


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
