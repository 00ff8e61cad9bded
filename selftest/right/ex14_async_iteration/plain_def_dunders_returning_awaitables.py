# right: class-based iterator and context manager whose __anext__/__aenter__/__aexit__ are plain `def`s that return awaitables (coroutines of async helpers)
from typing import Any


class _Items:
    def __init__(self, api: Any) -> None:
        self.api = api
        self.buffer: list[Any] = []
        self.cursor = None
        self.done = False

    def __aiter__(self):
        return self

    def __anext__(self):
        return self._next()

    async def _next(self):
        while not self.buffer:
            if self.done:
                raise StopAsyncIteration
            page = await self.api.get(self.cursor)
            self.buffer = list(page["items"])
            self.cursor = page["next"]
            self.done = self.cursor is None
        return self.buffer.pop(0)


def iter_items(api: Any) -> _Items:
    return _Items(api)


class open_connection:
    def __init__(self, server: Any) -> None:
        self.server = server
        self.conn = None

    def __aenter__(self):
        return self._connect()

    async def _connect(self):
        self.conn = await self.server.connect()
        return self.conn

    def __aexit__(self, exc_type, exc, tb):
        return self.conn.close()  # a coroutine: `async with` awaits it
