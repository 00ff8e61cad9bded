# wrong: wait_for around asyncio.shield: the deadline works but the call keeps running
# fails: 1
# says: never cancelled
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    try:
        return await asyncio.wait_for(asyncio.shield(api.get(key)), seconds)
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
    finally:
        log.append("stopped")
