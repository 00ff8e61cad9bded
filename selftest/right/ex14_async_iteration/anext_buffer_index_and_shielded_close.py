# right: class iterator keeping the page and an index; __aexit__ closes under asyncio.shield so a second cancel cannot cut the close off
import asyncio
from typing import Any


class iter_items:
    def __init__(self, api: Any) -> None:
        self.api = api
        self.page = None
        self.pos = 0

    def __aiter__(self) -> "iter_items":
        return self

    async def __anext__(self) -> Any:
        if self.page is None:
            self.page = await self.api.get(None)
        while self.pos >= len(self.page["items"]):
            if self.page["next"] is None:
                raise StopAsyncIteration
            self.page = await self.api.get(self.page["next"])
            self.pos = 0
        item = self.page["items"][self.pos]
        self.pos += 1
        return item


class open_connection:
    def __init__(self, server: Any) -> None:
        self.server = server

    async def __aenter__(self) -> Any:
        self.conn = await self.server.connect()
        return self.conn

    async def __aexit__(self, *exc_info: Any) -> None:
        await asyncio.shield(self.conn.close())
