# wrong: a sliding window that waits for the oldest request in flight, not for whichever ends first
# fails: 2
# says: still waiting to start
import asyncio


async def fetch_all_limited(api, keys, limit):
    tasks = []
    for key in keys:
        if len(tasks) >= limit:
            await tasks[-limit]  # the oldest of the last `limit` requests
        tasks.append(asyncio.create_task(api.get(key)))
    return [await task for task in tasks]
