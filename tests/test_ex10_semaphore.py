"""Exercise 10 · Limit concurrency.

The fake API refuses (raises ServiceError) when more than `limit` requests are in flight and
records the most it ever saw. Virtual time compares the run with the ideal schedule: every
request starts the moment a slot is free.
"""

import asyncio
import heapq
import secrets

import pytest

from awaitlings.probes import (
    ServiceError,
    SlowAPI,
    Stopwatch,
    close_to,
    expect_not_coroutine,
    fail,
    require,
    secs,
)


def ideal_time(delays: list[float], limit: int) -> float:
    """Each request, in order, starts as soon as one of `limit` slots is free."""
    slots = [0.0] * limit
    end = 0.0
    for delay in delays:
        start = heapq.heappop(slots)
        heapq.heappush(slots, start + delay)
        end = max(end, start + delay)
    return end


def batched_time(delays: list[float], limit: int) -> float:
    return sum(max(delays[i:i + limit]) for i in range(0, len(delays), limit))


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


async def _grade(ex, delays: list[float], limit: int, *, uneven: bool) -> None:
    fetch_all_limited = require(ex, "fetch_all_limited", coroutine=True)
    keys = [f"page-{secrets.token_hex(2)}-{i}" for i in range(len(delays))]
    data = {key: f"body-{secrets.token_hex(3)}" for key in keys}
    api = SlowAPI(delays=dict(zip(keys, delays, strict=True)), data=data, limit=limit)
    n = len(keys)
    ideal = ideal_time(delays, limit)
    with Stopwatch() as sw:
        try:
            result = await fetch_all_limited(api, list(keys), limit)
        except RuntimeError as exc:
            if "different event loop" not in str(exc):
                raise
            await _cancel_the_rest()
            raise fail(
                "Your semaphore belongs to another event loop: it was created once, when the "
                "module was imported, and the first program that used it owns it. It also "
                "ignores the `limit` argument. Create the semaphore inside fetch_all_limited: "
                "`sem = asyncio.Semaphore(limit)`."
            ) from None
        except Exception as exc:
            if not _refusals(exc):
                raise
            await asyncio.sleep(max(delays) + 0.01)  # let abandoned requests end quietly
            refused = sum(1 for c in api.calls if c.outcome == "failed")
            raise fail(
                f"The service refused {refused} of your requests: it allows {limit} in flight "
                f"at once, and your code started more. Starting all {n} at once (or giving each "
                f"request its own semaphore) sets no limit. Create ONE `asyncio.Semaphore({limit})` "
                "(from the `limit` argument) per call of fetch_all_limited, and make every "
                "request take a slot from it with `async with`."
            ) from None
    expect_not_coroutine(result, "fetch_all_limited(...)")
    if api.max_in_flight > limit:
        raise fail(
            f"{api.max_in_flight} requests were in flight at once; the limit is {limit}. "
            "Retrying refused requests does not respect the limit: stay under it with one "
            f"`asyncio.Semaphore({limit})` shared by all requests."
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
        raise fail(f"fetch_all_limited returned {result!r}; expected the answers for the keys, "
                   f"in order: {expected!r}.")
    if api.max_in_flight < limit:
        how = ("one after another" if api.max_in_flight == 1
               else f"at most {api.max_in_flight} at a time")
        raise fail(
            f"{n} requests ran {how} and took {secs(sw.elapsed)}; the service allows {limit} in "
            f"flight, which would take {secs(ideal)}. Keep {limit} requests running: start them "
            f"all and let an `asyncio.Semaphore({limit})` hold back the extra ones."
        )
    if not close_to(sw.elapsed, ideal):
        if uneven and close_to(sw.elapsed, batched_time(delays, limit)):
            why = (f"you ran them in batches of {limit}, and each batch waited for its slowest "
                   "request while the other slots stood empty")
        else:
            why = "some slots stood empty while requests were waiting"
        raise fail(
            f"{n} requests taking {', '.join(secs(d) for d in delays)} with {limit} slots took "
            f"{secs(sw.elapsed)}; starting each request the moment a slot frees up takes "
            f"{secs(ideal)}. Here {why}. Share one `asyncio.Semaphore({limit})` among all the "
            f"requests (or run {limit} workers that each take the next key as soon as they "
            "are free)."
        )


@pytest.mark.task(1)
async def test_at_most_limit_in_flight_and_as_fast_as_allowed(ex, exercise):
    t = exercise.timing
    await _grade(ex, [t["delay"]] * t["requests"], t["limit"], uneven=False)


@pytest.mark.task(1)
async def test_another_limit(ex, exercise):
    t = exercise.timing
    await _grade(ex, [t["other_delay"]] * t["other_requests"], t["other_limit"], uneven=False)


@pytest.mark.task(2)
async def test_uneven_requests_reuse_free_slots(ex, exercise):
    t = exercise.timing
    await _grade(ex, t["uneven"], t["limit"], uneven=True)


@pytest.mark.task(2)
async def test_uneven_requests_with_another_limit(ex, exercise):
    t = exercise.timing
    await _grade(ex, t["other_uneven"], t["other_limit"], uneven=True)
