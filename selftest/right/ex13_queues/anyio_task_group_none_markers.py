# right: anyio task group starts the workers with start_soon; None stop markers; `while (job := await queue.get()) is not None`
import asyncio
from typing import Any

import anyio


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while (job := await queue.get()) is not None:
        results[job] = await api.get(job)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in [*jobs, *([None] * workers)]:
        queue.put_nowait(job)
    async with anyio.create_task_group() as tg:
        for _ in range(workers):
            tg.start_soon(worker, queue, api, results)
    return results
