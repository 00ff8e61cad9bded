# wrong: each worker keeps the results in a dict of its own and returns it; process_all returns the shared dict, which stays empty
# fails: 1
# says: never reached the dict
import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> dict[str, Any]:
    mine = {}
    while (job := await queue.get()) is not None:
        mine[job] = await api.get(job)
    return mine


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    for job in jobs + [None] * workers:
        queue.put_nowait(job)
    await asyncio.gather(*(worker(queue, api, results) for _ in range(workers)))
    return results
