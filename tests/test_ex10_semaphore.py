"""Exercise 10 · Limit concurrency.

The fake API refuses (raises ServiceError) when more than `limit` requests are in flight and
records when each request started and ended. From those records the tests check the schedule
the task asks for, whatever order the requests start in: while any request is still waiting to
start, `limit` requests are in flight. Two calls at the same time must not share their slots.
"""

import asyncio
import heapq
import re
import secrets
from itertools import pairwise
from typing import Any

import pytest

from awaitlings.probes import (
    TOLERANCE,
    ServiceError,
    SlowAPI,
    Stopwatch,
    close_to,
    draw_timeline,
    expect_not_coroutine,
    fail,
    now,
    plural,
    require,
    secs,
)

Span = tuple[float, float]  # (start, end) of one request, in loop time


def ideal_time(delays: list[float], limit: int) -> float:
    """Each request, in order, starts as soon as one of `limit` slots is free."""
    slots = [0.0] * limit
    end = 0.0
    for delay in delays:
        start = heapq.heappop(slots)
        heapq.heappush(slots, start + delay)
        end = max(end, start + delay)
    return end


def _spans(api: SlowAPI) -> list[Span]:
    return [(c.start, c.start if c.end is None else c.end) for c in api.calls]


def _in_flight(spans: list[Span], at: float) -> int:
    return sum(1 for start, end in spans if start <= at < end)


def _most_in_flight(spans: list[Span]) -> int:
    return max((_in_flight(spans, start) for start, _ in spans), default=0)


def _idle_slot(spans: list[Span], since: float, limit: int) -> tuple[float, float, int, int] | None:
    """The first stretch (from, to, in flight, waiting) in which fewer than `limit` requests
    were in flight while some had not started yet. Nothing changes between two record times."""
    times = sorted({since, *(t for span in spans for t in span)})
    for a, b in pairwise(times):
        mid = (a + b) / 2
        running = _in_flight(spans, mid)
        waiting = sum(1 for start, _ in spans if start > mid)
        if b - a > TOLERANCE and waiting and running < limit:
            return a, b, running, waiting
    return None


def _ran_in_batches(spans: list[Span], limit: int) -> bool:
    """Started `limit` at a time, each group the moment the last request of the one before ended."""
    ordered = sorted(spans)
    groups = [ordered[i : i + limit] for i in range(0, len(ordered), limit)]
    if len(groups) < 2 or any(not close_to(start, group[0][0]) for group in groups for start, _ in group):
        return False
    return all(close_to(group[0][0], max(end for _, end in before)) for before, group in pairwise(groups))


def _refusals(exc: BaseException) -> list[ServiceError]:
    if isinstance(exc, ServiceError):
        return [exc]
    if isinstance(exc, BaseExceptionGroup):
        return [e for sub in exc.exceptions for e in _refusals(sub)]
    return []


async def _cancel_the_rest() -> None:
    """Stop the student's tasks that can never finish, so the verdict stands alone."""
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)


def _keys_and_data(n: int) -> tuple[list[str], dict[str, str]]:
    keys = [f"page-{secrets.token_hex(2)}-{i}" for i in range(n)]
    return keys, {key: f"body-{secrets.token_hex(3)}" for key in keys}


async def _run(
    ex: Any, jobs: list[tuple[SlowAPI, list[str]]], limit: int, longest: float
) -> tuple[list[Any], Stopwatch, list[float]]:
    """Call fetch_all_limited once per (api, keys), all at the same time; explain a crash.
    Also returns the loop time at which each call returned (two calls end at different times)."""
    fetch_all_limited = require(ex, "fetch_all_limited", coroutine=True)
    returned = [0.0] * len(jobs)

    async def one(i: int, api: SlowAPI, keys: list[str]) -> Any:
        try:
            return await fetch_all_limited(api, list(keys), limit)
        finally:
            returned[i] = now()

    with Stopwatch() as sw:
        outcomes = await asyncio.gather(
            *(one(i, api, keys) for i, (api, keys) in enumerate(jobs)), return_exceptions=True
        )
    for exc in outcomes:
        if not isinstance(exc, BaseException):
            continue
        if isinstance(exc, RuntimeError) and "different event loop" in str(exc):
            await _cancel_the_rest()
            kind = re.search(r"<asyncio\.\w+\.(\w+) object", str(exc))
            what = f"an `asyncio.{kind[1]}`" if kind else "an asyncio object"
            raise fail(
                f"fetch_all_limited waited on {what} that belongs to a different event loop: an "
                "earlier run of your code, on another loop, used it first and it was kept. An "
                "asyncio semaphore (like a lock or a queue) belongs to the event loop that first "
                "waits on it. Create a new one inside fetch_all_limited every time it is called: "
                "`sem = asyncio.Semaphore(limit)`."
            ) from None
        if not _refusals(exc):
            raise exc
        await asyncio.sleep(longest + 0.01)  # let abandoned requests end quietly
        refused = sum(1 for api, _ in jobs for c in api.calls if c.outcome == "failed")
        shown = next(api for api, _ in jobs if any(c.outcome == "failed" for c in api.calls))
        raise fail(
            f"The service refused {refused} of your requests: it allows {limit} in flight "
            f"at once, and your code started more. Starting all of them at once (or giving each "
            f"request its own semaphore) sets no limit. Create ONE `asyncio.Semaphore({limit})` "
            "(from the `limit` argument) per call of fetch_all_limited, and make every "
            "request take a slot from it with `async with`."
            f"\n\n{draw_timeline(shown.calls, since=sw.start)}"
        ) from None
    return outcomes, sw, returned


def _check_answers(api: SlowAPI, keys: list[str], data: dict[str, str], result: Any, limit: int) -> None:
    expect_not_coroutine(result, "fetch_all_limited(...)")
    n = len(keys)
    if api.max_in_flight > limit:
        raise fail(
            f"{api.max_in_flight} requests were in flight at once; the limit is {limit}. "
            "Retrying refused requests does not respect the limit: stay under it with one "
            f"`asyncio.Semaphore({limit})` shared by all requests.\n\n{draw_timeline(api.calls)}"
        )
    if len(api.calls) != n or api.completed != n:
        raise fail(
            f"fetch_all_limited made {len(api.calls)} requests ({api.completed} finished) for "
            f"{n} keys. Request every key exactly once and wait for all of them."
        )
    expected = [data[key] for key in keys]
    if result != expected:
        if isinstance(result, list) and sorted(map(str, result)) == sorted(expected):
            raise fail(
                "fetch_all_limited returned the right answers in the wrong order (probably "
                "the order they finished in). Return them in the order of `keys`: `asyncio.gather` keeps "
                "that order; with workers, store each answer at its key's index."
            )
        raise fail(f"fetch_all_limited returned {result!r}; expected the answers for the keys, in order: {expected!r}.")


def _check_schedule(api: SlowAPI, delays: list[float], limit: int, sw: Stopwatch, returned: float) -> None:
    """`returned`: the loop time at which this call of fetch_all_limited returned."""
    n, spans = len(delays), _spans(api)
    elapsed = returned - sw.start
    each = f"of {secs(delays[0])} each" if len(set(delays)) == 1 else f"taking {', '.join(secs(d) for d in delays)}"
    took = f"{n} requests {each} with {limit} slots took {secs(elapsed)}"
    picture = draw_timeline(api.calls, since=sw.start, until=returned)
    if api.max_in_flight < limit:
        how = "one after another" if api.max_in_flight == 1 else f"at most {api.max_in_flight} at a time"
        raise fail(
            f"{n} requests ran {how} and took {secs(elapsed)}; the service allows {limit} in "
            f"flight, which can take {secs(ideal_time(delays, limit))}. Keep {limit} requests running: "
            f"start them all and let an `asyncio.Semaphore({limit})` hold back the extra ones."
            f"\n\n{picture}"
        )
    idle = _idle_slot(spans, sw.start, limit)
    if idle is not None:
        a, b, running, waiting = idle
        busy = (
            "no request was"
            if running == 0
            else f"only {plural(running, 'request')} {'was' if running == 1 else 'were'}"
        )
        if _ran_in_batches(spans, limit):
            why = (
                f"They ran in batches of {limit}: each batch started only when every request "
                "of the batch before had ended."
            )
        else:
            why = (
                "A waiting request should start the moment any request ends. Check that nothing "
                "else waits while a slot is held (only the `api.get` call belongs inside "
                "`async with sem:`), and that a waiting request can take whichever slot frees up first."
            )
        raise fail(
            f"{took}. From {secs(a - sw.start)} to {secs(b - sw.start)}, {busy} in flight (the "
            f"service allows {limit}) while {waiting} {'was' if waiting == 1 else 'were'} still "
            f"waiting to start. {why} Share one `asyncio.Semaphore({limit})` among all the "
            f"requests (or run {limit} workers that each take the next key as soon as they are free)."
            f"\n\n{picture}"
        )
    last_end = max(end for _, end in spans)
    if not close_to(returned, last_end):
        raise fail(
            f"{took}: fetch_all_limited returned {secs(returned - last_end)} after its "
            f"last request had ended. Return as soon as all the answers are in.\n\n{picture}"
        )


async def _grade(ex: Any, delays: list[float], limit: int, *, twice: bool = False) -> None:
    """Grade one call of fetch_all_limited, or two at the same time, each with its own service."""
    jobs = []
    for _ in range(2 if twice else 1):
        keys, data = _keys_and_data(len(delays))
        api = SlowAPI(delays=dict(zip(keys, delays, strict=True)), data=data, limit=limit)
        jobs.append((api, keys, data))
    results, sw, returned = await _run(ex, [(api, keys) for api, keys, _ in jobs], limit, max(delays))
    for (api, keys, data), result in zip(jobs, results, strict=True):
        _check_answers(api, keys, data, result, limit)
    together = _most_in_flight([span for api, _, _ in jobs for span in _spans(api)])
    if twice and together <= limit and all(api.max_in_flight == limit for api, _, _ in jobs):
        raise fail(
            f"Two calls of fetch_all_limited ran at the same time, each with its own service "
            f"that allows {limit} requests in flight. Together they never had more than {together} "
            f"in flight, and took {secs(sw.elapsed)}; each call alone can take "
            f"{secs(ideal_time(delays, limit))}. Each call must have {limit} slots of its own: "
            "create a new `asyncio.Semaphore(limit)` inside fetch_all_limited every time it is "
            "called, not one that calls share (kept in a module-level variable or a cache)."
        )
    for (api, _, _), when in zip(jobs, returned, strict=True):
        _check_schedule(api, delays, limit, sw, when)


@pytest.mark.task(1)
async def test_two_calls_at_once_each_keep_their_own_limit(ex, exercise):
    t = exercise.timing
    await _grade(ex, [t["delay"]] * t["requests"], t["limit"], twice=True)


@pytest.mark.task(1)
async def test_at_most_limit_in_flight_and_as_fast_as_allowed(ex, exercise):
    t = exercise.timing
    await _grade(ex, [t["delay"]] * t["requests"], t["limit"])


@pytest.mark.task(1)
async def test_another_limit(ex, exercise):
    t = exercise.timing
    await _grade(ex, [t["other_delay"]] * t["other_requests"], t["other_limit"])


@pytest.mark.task(2)
async def test_two_uneven_calls_at_once_each_keep_their_own_limit(ex, exercise):
    t = exercise.timing
    await _grade(ex, t["other_uneven"], t["other_limit"], twice=True)


@pytest.mark.task(2)
async def test_uneven_requests_reuse_free_slots(ex, exercise):
    t = exercise.timing
    await _grade(ex, t["uneven"], t["limit"])


@pytest.mark.task(2)
async def test_uneven_requests_with_another_limit(ex, exercise):
    t = exercise.timing
    await _grade(ex, t["other_uneven"], t["other_limit"])
