# wrong: catches BaseException to clean up and returns instead of re-raising
# fails: 2, 3
# says: Let the error reach the caller
# says: instead of ending cancelled
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
        return await api.get(key)
    except BaseException:
        return None
    finally:
        log.append(f"close {key}")


async def poll(api, key, log):
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise RuntimeError("poll stopped")
