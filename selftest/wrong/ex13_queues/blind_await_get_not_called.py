# wrong: `await queue.get` without parentheses: TypeError, a bound method cannot be awaited
# fails: all
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while True:
        job = await queue.get
        if job is None:
            break
        results[job] = await api.get(job)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs + [None] * workers:
        queue.put_nowait(job)
    async with asyncio.TaskGroup() as tg:
        for _ in range(workers):
            tg.create_task(worker(queue, api, results))
    return results
