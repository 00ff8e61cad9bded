# wrong: asyncio.create_task(worker) is given the function, not a coroutine: TypeError
# fails: all
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while (job := await queue.get()) is not None:
        results[job] = await api.get(job)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs:
        queue.put_nowait(job)
    for _ in range(workers):
        queue.put_nowait(None)
    tasks = [asyncio.create_task(worker) for _ in range(workers)]
    await asyncio.gather(*tasks)
    return results
