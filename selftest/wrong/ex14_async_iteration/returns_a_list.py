# wrong: an async def that returns the whole list (no yield): not an async iterator
# fails: 1, 2
# says: coroutine
from contextlib import asynccontextmanager


async def iter_items(api):
    items = []
    cursor = None
    while True:
        page = await api.get(cursor)
        items.extend(page["items"])
        cursor = page["next"]
        if cursor is None:
            return items


@asynccontextmanager
async def open_connection(server):
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
