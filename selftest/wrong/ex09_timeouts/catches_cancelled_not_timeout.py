# wrong: catches CancelledError where TimeoutError arrives, so TimeoutError escapes
# fails: 1
# says: raised TimeoutError
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    try:
        return await asyncio.wait_for(api.get(key), seconds)
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
