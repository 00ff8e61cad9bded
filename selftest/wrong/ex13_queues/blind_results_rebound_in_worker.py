# wrong: the worker rebinds its local `results` to a new dict instead of storing into the shared one: process_all returns {}
# fails: 1
# says: never reached the dict
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while (job := await queue.get()) is not None:
        results = {**results, job: await api.get(job)}


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs + [None] * workers:
        queue.put_nowait(job)
    async with asyncio.TaskGroup() as tg:
        for _ in range(workers):
            tg.create_task(worker(queue, api, results))
    return results
