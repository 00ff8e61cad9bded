# wrong: always sleeps the whole deadline before looking at the answer
# fails: 1
# says: A deadline is a limit, not a wait
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    task = asyncio.create_task(api.get(key))
    await asyncio.sleep(seconds)
    if task.done():
        return task.result()
    task.cancel()
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
