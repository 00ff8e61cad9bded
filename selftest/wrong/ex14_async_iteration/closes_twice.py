# wrong: closes after the yield inside the try AND again in finally: a normal exit closes twice
# fails: 3
# says: closed 2 times
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


@asynccontextmanager
async def open_connection(server):
    conn = await server.connect()
    try:
        yield conn
        await conn.close()
    finally:
        await conn.close()
