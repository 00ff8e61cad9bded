# right: all jobs are queued up front, so each worker drains with get_nowait() and returns on QueueEmpty; gather waits for them
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while True:
        try:
            job = queue.get_nowait()
        except asyncio.QueueEmpty:
            return
        results[job] = await api.get(job)
        queue.task_done()


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs:
        await queue.put(job)
    await asyncio.gather(*(worker(queue, api, results) for _ in range(workers)))
    return results
