# wrong: forgets to await server.connect(), so the body gets a coroutine
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


@asynccontextmanager
async def open_connection(server):
    conn = server.connect()
    try:
        yield conn
    finally:
        await conn.close()
