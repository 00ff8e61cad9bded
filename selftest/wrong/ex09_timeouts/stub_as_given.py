# wrong: no timeout, cleanup after the await, CancelledError swallowed (the stub)
# fails: all
# says: instead of giving up
# says: Put the cleanup in a `finally:` block
# says: swallowed the cancellation
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    return await api.get(key)


async def download(api, key, log):
    log.append(f"open {key}")
    result = await api.get(key)
    log.append(f"close {key}")
    return result


async def poll(api, key, log):
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
