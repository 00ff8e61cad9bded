# wrong: calls conn.close() without await
# fails: 3, 4
# says: never awaited
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
    finally:
        conn.close()
