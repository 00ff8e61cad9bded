# wrong: awaits queue.join() and returns, but the workers are never stopped: they stay blocked on queue.get() forever
# fails: 3
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while True:
        job = await queue.get()
        results[job] = await api.get(job)
        queue.task_done()


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs:
        await queue.put(job)
    for _ in range(workers):
        asyncio.create_task(worker(queue, api, results))
    await queue.join()
    return results
