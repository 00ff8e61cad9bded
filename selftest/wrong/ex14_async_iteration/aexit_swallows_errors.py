# wrong: a class whose __aexit__ closes the connection but returns True (swallows the error)
# fails: 4
# says: disappeared
class open_connection:
    def __init__(self, server):
        self.server = server
        self.conn = None

    async def __aenter__(self):
        self.conn = await self.server.connect()
        return self.conn

    async def __aexit__(self, exc_type, exc, tb):
        await self.conn.close()
        return True


async def iter_items(api):
    cursor = None
    while True:
        page = await api.get(cursor)
        for item in page["items"]:
            yield item
        cursor = page["next"]
        if cursor is None:
            return
