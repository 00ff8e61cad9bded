# wrong: starts fetching the next page in the background while the consumer uses this one
# fails: 2
# says: fetch ahead
import asyncio
from contextlib import asynccontextmanager


async def iter_items(api):
    page = await api.get(None)
    while True:
        ahead = asyncio.create_task(api.get(page["next"])) if page["next"] else None
        for item in page["items"]:
            yield item
        if ahead is None:
            return
        page = await ahead


@asynccontextmanager
async def open_connection(server):
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
