# wrong: an async def that returns the connection (no context manager at all)
# fails: 3, 4
# says: coroutine
from contextlib import asynccontextmanager


async def iter_items(api):
    cursor = None
    while True:
        page = await api.get(cursor)
        for item in page["items"]:
            yield item
        cursor = page["next"]
        if cursor is None:
            return


async def open_connection(server):
    return await server.connect()
