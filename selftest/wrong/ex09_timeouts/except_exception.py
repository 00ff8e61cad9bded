# wrong: cleanup and logging in `except Exception`, which cancellation skips
# fails: 2, 3
# says: `except Exception` does not catch it
# says: "stopped" is missing
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    try:
        return await asyncio.wait_for(api.get(key), seconds)
    except TimeoutError:
        return fallback


async def download(api, key, log):
    log.append(f"open {key}")
    try:
        result = await api.get(key)
    except Exception:
        log.append(f"close {key}")
        raise
    log.append(f"close {key}")
    return result


async def poll(api, key, log):
    try:
        while True:
            log.append(await api.get(key))
    except Exception:
        log.append("stopped")
        raise
