# right: a producer task feeds a bounded queue while the workers consume; one sentinel object per worker; TaskGroup waits
import asyncio
from typing import Any

STOP = object()


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while True:
        job = await queue.get()
        if job is STOP:
            break
        results[job] = await api.get(job)


async def _produce(queue: asyncio.Queue, jobs: list[str], workers: int) -> None:
    for job in jobs:
        await queue.put(job)
    for _ in range(workers):
        await queue.put(STOP)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue(maxsize=workers)
    results: dict[str, Any] = {}
    async with asyncio.TaskGroup() as tg:
        tg.create_task(_produce(queue, jobs, workers))
        for _ in range(workers):
            tg.create_task(worker(queue, api, results))
    return results
