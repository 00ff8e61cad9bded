# wrong: the worker has no loop: it takes one job and returns, so only the first `workers` jobs are processed
# fails: 1, 2
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    job = await queue.get()
    results[job] = await api.get(job)
    queue.task_done()


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs:
        queue.put_nowait(job)
    async with asyncio.TaskGroup() as tg:
        for _ in range(min(workers, len(jobs))):
            tg.create_task(worker(queue, api, results))
    return results
