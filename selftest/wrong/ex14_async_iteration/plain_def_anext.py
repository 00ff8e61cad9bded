# wrong: a class iterator whose __anext__ is a plain def, so it cannot await the page: it subscripts the coroutine api.get(...) returns
# fails: 1, 2
# says: `_Items.__anext__` is a plain `def`
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


class _Items:
    def __init__(self, api):
        self.api = api
        self.buffer = []
        self.cursor = None
        self.done = False

    def __aiter__(self):
        return self

    def __anext__(self):
        if not self.buffer:
            if self.done:
                raise StopAsyncIteration
            page = self.api.get(self.cursor)
            self.buffer = list(page["items"])
            self.cursor = page["next"]
            self.done = self.cursor is None
        return self.buffer.pop(0)


def iter_items(api: Any) -> _Items:
    return _Items(api)


@asynccontextmanager
async def open_connection(server: Any) -> AsyncIterator[Any]:
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
