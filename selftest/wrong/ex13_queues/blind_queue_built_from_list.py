# wrong: asyncio.Queue(jobs) passes the list as maxsize: TypeError as soon as anything is put
# fails: all
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while (job := await queue.get()) is not None:
        results[job] = await api.get(job)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue(jobs)
    results: dict[str, Any] = {}
    for _ in range(workers):
        queue.put_nowait(None)
    async with asyncio.TaskGroup() as tg:
        for _ in range(workers):
            tg.create_task(worker(queue, api, results))
    return results
