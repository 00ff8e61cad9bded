# wrong: uses asyncio.timeout_at(seconds): a deadline at loop time `seconds`, not `seconds` from now
# fails: 1
# says: `asyncio.timeout(seconds)` counts from now
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    try:
        async with asyncio.timeout_at(seconds):  # should be asyncio.timeout(seconds)
            return await api.get(key)
    except TimeoutError:
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

