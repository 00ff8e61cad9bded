# wrong: never moves the cursor on: asks for page 1 again and again
# fails: 1, 2
# says: "next" cursor
from contextlib import asynccontextmanager


async def iter_items(api):
    cursor = None
    while True:
        page = await api.get(cursor)
        for item in page["items"]:
            yield item
        if page["next"] is None:
            return


@asynccontextmanager
async def open_connection(server):
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
