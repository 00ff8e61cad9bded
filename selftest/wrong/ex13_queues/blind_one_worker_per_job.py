# wrong: starts one worker per job (range(len(jobs))) instead of `workers` workers, so every job runs at once
# fails: 2
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while True:
        job = await queue.get()
        if job is None:
            return
        results[job] = await api.get(job)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs:
        queue.put_nowait(job)
    n = len(jobs)
    for _ in range(n):
        queue.put_nowait(None)
    async with asyncio.TaskGroup() as tg:
        for _ in range(n):
            tg.create_task(worker(queue, api, results))
    return results
