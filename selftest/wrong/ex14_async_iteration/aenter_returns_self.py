# wrong: a class whose __aenter__ returns the manager itself, not the connection
# fails: 3, 4
# says: expected the connection
class open_connection:
    def __init__(self, server):
        self.server = server
        self.conn = None

    async def __aenter__(self):
        self.conn = await self.server.connect()
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self.conn.close()


async def iter_items(api):
    cursor = None
    while True:
        page = await api.get(cursor)
        for item in page["items"]:
            yield item
        cursor = page["next"]
        if cursor is None:
            return
