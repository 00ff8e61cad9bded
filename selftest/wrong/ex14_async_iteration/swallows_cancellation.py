# wrong: closes in finally, but catches CancelledError around the yield, so the cancellation never reaches the caller
# fails: 4
# says: did not reach the caller
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
    except asyncio.CancelledError:
        pass  # "the body was cancelled: nothing to do, we close below"
    finally:
        await conn.close()
