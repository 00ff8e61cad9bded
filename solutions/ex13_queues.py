"""Exercise 13 · Producers and consumers (reference solution)."""

import asyncio
from typing import Any


async def worker(queue: asyncio.Queue[str | None], api: Any, results: dict[str, Any]) -> None:
    # None is the stop marker: one per worker is put after the jobs.
    while (job := await queue.get()) is not None:
        results[job] = await api.get(job)


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    for _ in range(workers):
        queue.put_nowait(None)
    results: dict[str, Any] = {}
    async with asyncio.TaskGroup() as tg:  # waits until every worker has returned
        for _ in range(workers):
            tg.create_task(worker(queue, api, results))
    return results


if __name__ == "__main__":  # `python exercises/ex13_queues.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
