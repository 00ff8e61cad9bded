# wrong: stops as soon as a page has no "next", before yielding that last page
# fails: 1
# says: stopped early
from contextlib import asynccontextmanager


async def iter_items(api):
    page = await api.get(None)
    while page["next"] is not None:
        for item in page["items"]:
            yield item
        page = await api.get(page["next"])


@asynccontextmanager
async def open_connection(server):
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
