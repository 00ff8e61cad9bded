# wrong: closes the connection only when the body finishes without an error
# fails: 4
# says: left open
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
    yield conn
    await conn.close()
