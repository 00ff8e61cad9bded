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


if __name__ == "__main__":
    from awaitlings.probes import SlowAPI

    print(asyncio.run(process_all(SlowAPI(delay=0.2), [f"job{i}" for i in range(7)], 3)))
