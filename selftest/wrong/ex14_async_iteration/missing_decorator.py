# wrong: an async generator without @asynccontextmanager
# fails: 3, 4
# says: asynccontextmanager
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
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
