# wrong: download returns from its finally block, which swallows errors and cancellation
# fails: 2
# says: a `return` inside `finally:` swallows the error
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    try:
        async with asyncio.timeout(seconds):
            return await api.get(key)
    except TimeoutError:
        return fallback


async def download(api, key, log):
    log.append(f"open {key}")
    result = None
    try:
        result = await api.get(key)
    finally:
        log.append(f"close {key}")
        return result  # noqa: B012 -- "always return something"


async def poll(api, key, log):
    try:
        while True:
            log.append(await api.get(key))
    except asyncio.CancelledError:
        log.append("stopped")
        raise

