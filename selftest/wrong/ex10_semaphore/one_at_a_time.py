# wrong: safe but slow: one request at a time
# fails: all
# says: one after another
# says: █
async def fetch_all_limited(api, keys, limit):
    return [await api.get(key) for key in keys]
