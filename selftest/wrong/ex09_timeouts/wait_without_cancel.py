# wrong: asyncio.wait(timeout=) returns in time but leaves the slow call running
# fails: 1
# says: never cancelled
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    task = asyncio.create_task(api.get(key))
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if task in done:
        return task.result()
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
