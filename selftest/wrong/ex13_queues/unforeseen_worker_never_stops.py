# wrong: workers wait for more jobs forever: no stop marker and nothing ends them (an unforeseen mistake: the explainer names the line)
# fails: 1
# says: ex13_queues.py:12
# says: waiting at

import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    while True:
        job = await queue.get()
        results[job] = await api.get(job)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    results: dict[str, Any] = {}
    await asyncio.gather(*(worker(queue, api, results) for _ in range(workers)))
    return results
