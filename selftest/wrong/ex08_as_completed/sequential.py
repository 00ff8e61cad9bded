# wrong: awaits each call before starting the next
# fails: all
# says: one after another
async def process_as_ready(api, keys, handle):
    for key in keys:
        handle(await api.get(key))


async def fastest(api, mirrors):
    for mirror in mirrors:
        return await api.get(mirror)
