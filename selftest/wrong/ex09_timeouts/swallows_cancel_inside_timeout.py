# wrong: turns any cancellation into the fallback (an outside cancel is swallowed too)
# fails: 1
# says: instead of ending cancelled
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    async with asyncio.timeout(seconds):
        try:
            return await api.get(key)
        except asyncio.CancelledError:
            return fallback


async def download(api, key, log):
    log.append(f"open {key}")
    try:
        return await api.get(key)
    finally:
        log.append(f"close {key}")


async def poll(api, key, log):
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise
