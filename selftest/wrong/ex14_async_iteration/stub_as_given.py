# wrong: the stub as given
# fails: all
# says: coroutine
# says: no connection
from contextlib import asynccontextmanager


async def iter_items(api):
    ...


@asynccontextmanager
async def open_connection(server):
    yield None
