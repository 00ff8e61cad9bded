# wrong: yields whole pages instead of their items
# fails: 1, 2
# says: whole pages
from contextlib import asynccontextmanager


async def iter_items(api):
    cursor = None
    while True:
        page = await api.get(cursor)
        yield page
        cursor = page["next"]
        if cursor is None:
            return


@asynccontextmanager
async def open_connection(server):
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
