"""Exercise 13 · Producers and consumers (a worker pool on an `asyncio.Queue`).

Graded on the virtual clock: the pool's running time is exact, so a pool that leaves workers
idle (batches) is told apart from one that keeps them busy. The fake API records every call,
which task made it, how many were in flight, and whether any was cut off (cancelled).
Job names and results are random per run, so hard-coded answers cannot pass.
"""

import asyncio
import heapq
import random
from collections import Counter
from typing import Any

import pytest

from awaitlings.probes import (
    Patience,
    SlowAPI,
    Stopwatch,
    close_to,
    expect_not_coroutine,
    fail,
    require,
    secs,
)

# Loop seconds a pool may take before the test says it never returned (virtual: costs nothing).
PATIENCE = 30.0


class TrackedAPI(SlowAPI):
    """SlowAPI that also records which task made each call (one per worker in a real pool)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tasks: list[asyncio.Task[Any] | None] = []

    async def get(self, path: Any) -> Any:
        self.tasks.append(asyncio.current_task())
        return await super().get(path)

    @property
    def distinct_tasks(self) -> int:
        return len({id(t) for t in self.tasks})


def make_jobs(n: int) -> tuple[list[str], dict[str, str]]:
    rng = random.Random()
    names = rng.sample(range(1000, 9999), n)
    jobs = [f"job-{x}" for x in names]
    data = {job: f"report-{rng.randrange(16**6):06x}" for job in jobs}
    return jobs, data


def pool_time(delays: list[float], workers: int) -> float:
    """How long `workers` workers take to drain the jobs in order, each taking the next job
    as soon as it is free."""
    free = [0.0] * max(1, min(workers, len(delays)))
    for d in delays:
        heapq.heappush(free, heapq.heappop(free) + d)
    return max(free) if delays else 0.0


async def run_pool(process_all: Any, api: Any, jobs: list[str], workers: int) -> Any:
    call = f"process_all(api, <{len(jobs)} jobs>, {workers})"
    patience = Patience(PATIENCE)
    try:
        async with patience:
            result = await process_all(api, jobs, workers)
    except TimeoutError:
        raise fail(
            f"{call} never returned (still waiting after {secs(PATIENCE)}, with "
            f"{api.completed} of {len(jobs)} jobs done).{patience.waiting_at()} Something waits forever: usually "
            "workers stuck on `await queue.get()` after the queue is empty, with nothing telling "
            "them to stop, while your code waits for them to finish. Put one stop marker per "
            "worker on the queue, or `await queue.join()` and then cancel the workers. (With "
            "`queue.join()`, every `queue.get()` needs a `queue.task_done()`.)"
        ) from None
    expect_not_coroutine(result, call)
    return result


def expect_results(result: Any, jobs: list[str], data: dict[str, str], api: TrackedAPI, call: str) -> None:
    if not isinstance(result, dict):
        raise fail(f"{call} returned {result!r}; expected a dict {{job: result}} with one entry per job.")
    missing = [job for job in jobs if job not in result]
    if missing:
        fetched = set(api.keys)
        finished = {call.key for call in api.calls if call.outcome == "done"}
        never = [job for job in missing if job not in fetched]
        unfinished = [job for job in missing if job in fetched and job not in finished]
        if never:
            why = (
                f"{len(never)} of them were never given to the API: every job must be put on "
                "the queue and taken by some worker before you return"
            )
        elif unfinished:
            done_too = len(missing) - len(unfinished)
            why = (
                f"{len(unfinished)} of them {'was' if len(unfinished) == 1 else 'were'} started "
                "but not finished when it returned"
                + (f" (the other {done_too} did finish, yet their results are missing too)" if done_too else "")
                + ": wait until every job is done before returning (and before you stop the "
                "workers)"
            )
        else:
            why = (
                f"Every one of them was processed (`await api.get(job)` returned), but "
                f"{'its result' if len(missing) == 1 else 'their results'} never reached the dict "
                "that process_all returned. Store each result in the one `results` dict that "
                "process_all returns and passes to the workers (`results[job] = await "
                "api.get(job)`): assigning `results = ...` inside a worker only makes a new, "
                "local dict"
            )
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise fail(
            f"{call} returned results for {len(jobs) - len(missing)} of {len(jobs)} jobs; "
            f"missing: {', '.join(missing[:3])}{more}. {why}."
        )
    twice = {job: n for job, n in Counter(api.keys).items() if n > 1}
    if twice:
        job, n = next(iter(twice.items()))
        raise fail(
            f"{job!r} was processed {n} times ({len(twice)} of {len(jobs)} jobs more than once); "
            "each job must be processed exactly once. The workers must *share* the queue: each "
            "job is taken by `await queue.get()` by one worker only. A worker must not loop over "
            "the whole job list itself, and a job must not be put back on the queue."
        )
    extra = [key for key in result if key not in jobs]
    if extra:
        raise fail(f"{call} returned entries for {extra[:3]}, which are not jobs; expected one entry per job.")
    for job in jobs:
        if result[job] != data[job]:
            got = result[job]
            expect_not_coroutine(got, f"results[{job!r}]")
            raise fail(f"results[{job!r}] is {got!r}; expected what `await api.get({job!r})` returned: {data[job]!r}.")


# ---------------------------------------------------------------- task 1


@pytest.mark.task(1)
@pytest.mark.parametrize("n_jobs, workers", [(6, 2), (5, 3)])
async def test_every_job_processed_exactly_once(ex, exercise, n_jobs, workers):
    process_all = require(ex, "process_all", coroutine=True)
    jobs, data = make_jobs(n_jobs)
    api = TrackedAPI(delay=exercise.timing["delay"], data=data)
    result = await run_pool(process_all, api, jobs, workers)
    expect_results(result, jobs, data, api, f"process_all(api, <{n_jobs} jobs>, {workers})")


# ---------------------------------------------------------------- task 2


def expect_pool(api: TrackedAPI, *, jobs: list[str], workers: int, elapsed: float, delays: list[float]) -> None:
    n = len(jobs)
    expected_in_flight = min(workers, n)
    ideal = pool_time(delays, workers)
    if api.completed < n:
        raise fail(
            f"Only {api.completed} of {n} jobs were finished when process_all returned. "
            "Every job must be done before it returns."
        )
    if api.max_in_flight > workers:
        raise fail(
            f"{api.max_in_flight} jobs were running at the same time; with {workers} workers, at "
            f"most {workers} may run at once. Don't start a task per job: start {workers} "
            "worker tasks, and let each one take job after job from the queue."
        )
    if api.max_in_flight < expected_in_flight:
        how = "one after another" if api.max_in_flight <= 1 else f"at most {api.max_in_flight} at a time"
        raise fail(
            f"{n} jobs with {workers} workers took {secs(elapsed)} (a pool of {workers} takes "
            f"{secs(ideal)}): they ran {how}. Start `workers` worker tasks (not one, and not a "
            "fixed number) that all read the same queue, so they run side by side."
        )
    if not close_to(elapsed, ideal):
        raise fail(
            f"{n} jobs with {workers} workers took {secs(elapsed)}; a pool of {workers} workers "
            f"takes {secs(ideal)}. At most {workers} jobs ran at a time, but some workers sat "
            "idle while jobs were waiting: handling jobs in batches (start a few, wait for all "
            "of them, then start the next few) waits for the slowest job of each batch. Let "
            "each worker take the next job from the queue as soon as it finished its own."
        )
    if api.distinct_tasks > workers:
        raise fail(
            f"The {n} jobs were run by {api.distinct_tasks} different tasks; a pool of {workers} "
            f"workers uses {workers} tasks, each taking job after job from the queue. Limiting "
            "a task per job (with a Semaphore, say) is a different tool: here, start exactly "
            f"{workers} workers that read one shared `asyncio.Queue`."
        )


@pytest.mark.task(2)
@pytest.mark.parametrize("extra_workers", [0, 1])
async def test_exactly_n_workers_run_together(ex, exercise, extra_workers):
    process_all = require(ex, "process_all", coroutine=True)
    delay = exercise.timing["delay"]
    workers = exercise.timing["workers"] + extra_workers
    jobs, data = make_jobs(exercise.timing["jobs"] + 2 * extra_workers)
    api = TrackedAPI(delay=delay, data=data)
    with Stopwatch() as sw:
        result = await run_pool(process_all, api, jobs, workers)
    expect_results(result, jobs, data, api, f"process_all(api, <{len(jobs)} jobs>, {workers})")
    expect_pool(api, jobs=jobs, workers=workers, elapsed=sw.elapsed, delays=[delay] * len(jobs))


@pytest.mark.task(2)
@pytest.mark.parametrize("workers", [3, 2])
async def test_no_worker_idles_while_jobs_wait(ex, exercise, workers):
    process_all = require(ex, "process_all", coroutine=True)
    delays = list(exercise.timing["mixed_delays"])
    jobs, data = make_jobs(len(delays))
    api = TrackedAPI(delays=dict(zip(jobs, delays, strict=True)), data=data)
    with Stopwatch() as sw:
        result = await run_pool(process_all, api, jobs, workers)
    expect_results(result, jobs, data, api, f"process_all(api, <{len(jobs)} jobs>, {workers})")
    expect_pool(api, jobs=jobs, workers=workers, elapsed=sw.elapsed, delays=delays)


# ---------------------------------------------------------------- task 3


def running_tasks(before: set[asyncio.Task[Any]]) -> list[asyncio.Task[Any]]:
    me = asyncio.current_task()
    return [t for t in asyncio.all_tasks() if t is not me and t not in before and not t.done()]


async def expect_clean_shutdown(process_all: Any, n_jobs: int, workers: int, delay: float) -> None:
    jobs, data = make_jobs(n_jobs)
    api = TrackedAPI(delay=delay, data=data)
    call = f"process_all(api, <{n_jobs} jobs>, {workers})"
    before = set(asyncio.all_tasks())
    result = await run_pool(process_all, api, jobs, workers)
    left = running_tasks(before)
    if api.cancelled:
        raise fail(
            f"{api.cancelled} of {n_jobs} jobs were cut off halfway (cancelled): the workers "
            "were stopped while they were still working. Stop them only after every job is "
            "done: `await queue.join()` first (with `queue.task_done()` after each job), or "
            "use stop markers so each worker finishes its jobs and then returns."
        )
    if api.in_flight:
        raise fail(
            f"{call} returned while {api.in_flight} jobs were still running. Wait for "
            "every job to finish before returning."
        )
    expect_results(result, jobs, data, api, call)
    if left:
        names = ", ".join(sorted({getattr(t.get_coro(), "__qualname__", t.get_name()) + "()" for t in left}))
        raise fail(
            f"{len(left)} tasks ({names}) were still running when {call} returned: idle "
            "workers waiting forever on `await queue.get()`. Stop every worker before you "
            "return: put one stop marker (e.g. None) per worker on the queue and let a worker "
            "`return` when it takes one, or `await queue.join()`, then cancel the workers and "
            "await them (`await asyncio.gather(*workers, return_exceptions=True)`)."
        )


@pytest.mark.task(3)
async def test_workers_stop_when_the_jobs_are_done(ex, exercise):
    process_all = require(ex, "process_all", coroutine=True)
    await expect_clean_shutdown(
        process_all, exercise.timing["jobs"], exercise.timing["workers"], exercise.timing["delay"]
    )


@pytest.mark.task(3)
async def test_idle_workers_stop_too(ex, exercise):
    # More workers than jobs: some workers never get a job, and must still stop.
    process_all = require(ex, "process_all", coroutine=True)
    await expect_clean_shutdown(process_all, 2, 5, exercise.timing["delay"])


@pytest.mark.task(3)
async def test_no_jobs_returns_at_once(ex, exercise):
    process_all = require(ex, "process_all", coroutine=True)
    api = TrackedAPI(delay=exercise.timing["delay"])
    before = set(asyncio.all_tasks())
    with Stopwatch() as sw:
        result = await run_pool(process_all, api, [], exercise.timing["workers"])
    if result != {} or api.calls:
        raise fail(
            f"process_all(api, [], 3) returned {result!r} after {len(api.calls)} API "
            "calls; with no jobs, expected {} and no calls."
        )
    left = running_tasks(before)
    if left or sw.elapsed > 0.002:
        raise fail(
            f"process_all(api, [], 3) took {secs(sw.elapsed)} and left {len(left)} tasks "
            "running; with no jobs, the workers should find the queue done and stop at once."
        )
