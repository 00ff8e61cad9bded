# right: named worker tasks started before the jobs are put; join(), then cancel and asyncio.wait for the cancelled workers
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while True:
        job = await queue.get()
        value = await api.get(job)
        results[job] = value
        queue.task_done()


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    pool = {
        asyncio.create_task(worker(queue, api, results), name=f"worker-{n}")
        for n in range(workers)
    }
    for job in jobs:
        await queue.put(job)
    try:
        await queue.join()
    finally:
        for t in pool:
            t.cancel()
        if pool:
            await asyncio.wait(pool)
    return results
