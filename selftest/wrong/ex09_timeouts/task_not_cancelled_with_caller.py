# wrong: cancels its own task on timeout, but not when the caller cancels it
# fails: 1
# says: went on running in the background
import asyncio


async def fetch_with_timeout(api, key, seconds, fallback):
    task = asyncio.create_task(api.get(key))
    done, pending = await asyncio.wait({task}, timeout=seconds)
    if done:
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
