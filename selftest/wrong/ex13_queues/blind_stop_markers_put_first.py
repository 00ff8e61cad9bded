# wrong: the None stop markers go on the queue BEFORE the jobs, so every worker stops at once and no job is processed
# fails: 1, 2
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
    for _ in range(workers):
        await queue.put(None)
    for job in jobs:
        await queue.put(job)
    await asyncio.gather(*[worker(queue, api, results) for _ in range(workers)])
    return results
