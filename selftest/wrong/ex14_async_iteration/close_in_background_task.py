# wrong: closes in finally, but in a fire-and-forget task so that leaving `async with` is fast
# fails: 3, 4
import asyncio
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
        asyncio.create_task(conn.close())  # "don't make the caller wait for the close"
