# wrong: download closes after success and after cancellation, but not after an error
# fails: 2
# says: finally
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    try:
        async with asyncio.timeout(seconds):
            return await api.get(key)
    except TimeoutError:
        return fallback


async def download(api, key, log):
    log.append(f"open {key}")
    try:
        result = await api.get(key)
    except asyncio.CancelledError:
        log.append(f"close {key}")
        raise
    log.append(f"close {key}")
    return result


async def poll(api, key, log):
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise

