# wrong: the class iterator starts fetching the first page as a task in __init__, before the consumer asks for an item (later pages are lazy)
# fails: 2
# says: Just calling iter_items(api) started fetching
import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


class iter_items:
    def __init__(self, api):
        self.api = api
        self.first_page = asyncio.ensure_future(api.get(None))  # get a head start
        self.buffer = []
        self.cursor = None
        self.started = False

    def __aiter__(self):
        return self

    async def __anext__(self):
        while not self.buffer:
            if not self.started:
                self.started = True
                page = await self.first_page
            elif self.cursor is None:
                raise StopAsyncIteration
            else:
                page = await self.api.get(self.cursor)
            self.buffer = list(page["items"])
            self.cursor = page["next"]
        return self.buffer.pop(0)


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
