"""Exercise 13 · Producers and consumers

Sometimes you have many jobs but may only work on a few at a time (a service that allows
3 connections, say). A classic answer is a *worker pool*: put all the jobs on an
`asyncio.Queue`, start a fixed number of worker tasks, and let each worker take the next job
from the queue as soon as it has finished its last one. No worker sits idle while jobs wait.

    queue: asyncio.Queue[str] = asyncio.Queue()
    await queue.put("wash cups")     # producer side: add an item
    chore = await queue.get()        # consumer side: waits until an item is there
    ...                              # do the chore
    queue.task_done()                # tell the queue this item is finished
    await queue.join()               # waits until every item put has been marked done

One catch: a worker waiting on `await queue.get()` waits *forever* once the queue is empty.
Before you return, every worker must be told to stop (or be cancelled and awaited).

`api` below is a slow service: `await api.get(job)` processes one job and returns its result.

Your tasks:
  1. `process_all(api, jobs, workers)` returns a dict `{job: await api.get(job)}` for every
     job, and processes each job exactly once.
  2. It uses exactly `workers` worker tasks that all take jobs from one shared queue: at most
     `workers` jobs run at a time, and a worker starts the next job as soon as it is free.
  3. When it returns, every worker has stopped: no task is left waiting on the queue, and no
     job was cut off halfway.

Check your work:  pytest tests/test_ex13_queues.py     Stuck?  awaitlings hint 13
"""

import asyncio
from typing import Any


async def worker(queue: asyncio.Queue, api: Any, results: dict[str, Any]) -> None:
    # TODO: take jobs from the queue one after another; for each, store
    #       `results[job] = await api.get(job)`. Find a way to stop when the work is done.
    ...


async def process_all(api: Any, jobs: list[str], workers: int) -> dict[str, Any]:
    queue: asyncio.Queue = asyncio.Queue()
    results: dict[str, Any] = {}
    # TODO: put every job on the queue.
    # TODO: start `workers` worker tasks that share the queue.
    # TODO: wait until every job is done, and make sure every worker has stopped.
    return results


if __name__ == "__main__":  # `python exercises/ex13_queues.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
