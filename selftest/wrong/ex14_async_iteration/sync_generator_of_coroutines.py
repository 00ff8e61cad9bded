# wrong: a plain generator that hands out coroutines for the caller to await
# fails: 1, 2
# says: plain generator
from contextlib import asynccontextmanager


def iter_items(api):
    cursor = None
    while True:
        page = api.get(cursor)
        yield page
        cursor = None


@asynccontextmanager
async def open_connection(server):
    conn = await server.connect()
    try:
        yield conn
    finally:
        await conn.close()
