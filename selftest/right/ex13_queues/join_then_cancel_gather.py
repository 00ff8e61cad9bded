# right: worker loops forever with task_done in finally; process_all awaits queue.join(), cancels the workers and gathers them
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while True:
        job = await queue.get()
        try:
            results[job] = await api.get(job)
        finally:
            queue.task_done()


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs:
        queue.put_nowait(job)
    tasks = [asyncio.create_task(worker(queue, api, results)) for _ in range(workers)]
    await queue.join()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return results
