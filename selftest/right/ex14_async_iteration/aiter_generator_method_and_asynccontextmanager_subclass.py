# right: iterable class whose __aiter__ is an async generator method; context manager subclasses contextlib.AbstractAsyncContextManager
from contextlib import AbstractAsyncContextManager
from typing import Any


class PagedItems:
    def __init__(self, api: Any):
        self.api = api

    async def __aiter__(self):
        cursor = None
        first = True
        while first or cursor is not None:
            first = False
            page = await self.api.get(cursor)
            for item in page["items"]:
                yield item
            cursor = page["next"]


def iter_items(api: Any) -> PagedItems:
    return PagedItems(api)


class Connection(AbstractAsyncContextManager):
    def __init__(self, server: Any):
        self._server = server
        self._conn = None

    async def __aenter__(self):
        self._conn = await self._server.connect()
        return self._conn

    async def __aexit__(self, exc_type, exc_value, traceback):
        conn, self._conn = self._conn, None
        if conn is not None:
            await conn.close()
        return None


def open_connection(server: Any) -> Connection:
    return Connection(server)
