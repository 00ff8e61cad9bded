# wrong: cancels the workers as soon as every job has been TAKEN from the queue, cutting off the jobs still running
# fails: 1, 3
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while True:
        job = await queue.get()
        results[job] = await api.get(job)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs:
        queue.put_nowait(job)
    tasks = [asyncio.create_task(worker(queue, api, results)) for _ in range(workers)]
    while queue.qsize() > 0:
        await asyncio.sleep(0.01)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return results
