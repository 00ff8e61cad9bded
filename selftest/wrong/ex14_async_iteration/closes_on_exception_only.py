# wrong: catches Exception to close, so a cancelled body (CancelledError) leaves it open
# fails: 4
# says: cancelled
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
    except Exception:
        await conn.close()
        raise
    await conn.close()
