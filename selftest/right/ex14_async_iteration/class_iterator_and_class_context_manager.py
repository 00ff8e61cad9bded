# right: class-based async iterator (__aiter__/__anext__ with a page buffer) and a class-based async context manager (__aenter__/__aexit__)
from collections import deque
from typing import Any


class _PagedItems:
    def __init__(self, api: Any) -> None:
        self._api = api
        self._buffer: deque = deque()
        self._cursor = None
        self._done = False

    def __aiter__(self):
        return self

    async def __anext__(self):
        while not self._buffer:
            if self._done:
                raise StopAsyncIteration
            page = await self._api.get(self._cursor)
            self._buffer.extend(page["items"])
            self._cursor = page["next"]
            if self._cursor is None:
                self._done = True
        return self._buffer.popleft()


def iter_items(api: Any) -> _PagedItems:
    return _PagedItems(api)


class open_connection:
    def __init__(self, server: Any) -> None:
        self.server = server
        self.conn = None

    async def __aenter__(self):
        self.conn = await self.server.connect()
        return self.conn

    async def __aexit__(self, exc_type, exc, tb):
        await self.conn.close()
        return False
