# wrong: ignores `seconds` and always gives up after 0.5 s
# fails: 1
# says: not a number of your own
import asyncio

DEADLINE = 0.5  # "the API should never take longer than half a second"


async def fetch_with_timeout(api, key, seconds, fallback):
    try:
        return await asyncio.wait_for(api.get(key), DEADLINE)
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

