# wrong: a class context manager whose __aenter__ is a plain def: it returns the un-awaited connect() coroutine (which `async with` happens to await) and keeps that coroutine as self.conn, so __aexit__ cannot close the connection
# fails: 3, 4
# says: `Connection.__aenter__` is a plain `def`
from collections.abc import AsyncIterator
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


class Connection:
    def __init__(self, server):
        self.server = server
        self.conn = None

    def __aenter__(self):
        self.conn = self.server.connect()
        return self.conn

    async def __aexit__(self, exc_type, exc, tb):
        await self.conn.close()


def open_connection(server: Any) -> Connection:
    return Connection(server)
