# wrong: `queue.put(job)` without await never puts anything; the workers wait on an empty queue forever (hang)
# fails: all
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while True:
        job = await queue.get()
        if job is None:
            break
        results[job] = await api.get(job)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs:
        queue.put(job)
    for _ in range(workers):
        queue.put(None)
    await asyncio.gather(*(worker(queue, api, results) for _ in range(workers)))
    return results
