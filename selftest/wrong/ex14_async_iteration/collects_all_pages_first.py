# wrong: fetches every page into a list first, then yields the items
# fails: 2
# says: only page 1 was needed
from contextlib import asynccontextmanager


async def iter_items(api):
    items = []
    cursor = None
    while True:
        page = await api.get(cursor)
        items.extend(page["items"])
        cursor = page["next"]
        if cursor is None:
            break
    for item in items:
        yield item


@asynccontextmanager
async def open_connection(server):
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
