# right: `while not queue.empty()` worker (safe: every job is queued before the workers start), tasks awaited one by one
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while not queue.empty():
        job = queue.get_nowait()
        results[job] = await api.get(job)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs:
        queue.put_nowait(job)
    tasks = [asyncio.create_task(worker(queue, api, results)) for _ in range(workers)]
    for t in tasks:
        await t
    return results
