"""Exercise 8 · First come, first served.

Virtual time makes "handled the moment it arrived" exact: the grader's `handle` stamps each
call with the loop time, and the fake API records when each answer arrived.
"""

import asyncio
import inspect
import random
import secrets

import pytest

from awaitlings.probes import (
    SlowAPI,
    Stopwatch,
    close_to,
    expect_not_coroutine,
    expect_value,
    fail,
    now,
    require,
    secs,
)

MANY = 40  # keys in the biggest test


def _times(values: list[float]) -> str:
    shown = ", ".join(secs(v) for v in values[:6])
    return shown if len(values) <= 6 else f"{shown}, ... ({len(values)} in all)"


async def _let_stragglers_finish(api: SlowAPI) -> None:
    """Before failing, let calls the student left running end, so one message explains it."""
    longest = max(api.delays.values(), default=api.delay)
    await asyncio.sleep(longest + 0.01)


async def _grade_process_as_ready(ex, delays: list[float]) -> None:
    process_as_ready = require(ex, "process_as_ready", coroutine=True)
    keys = [f"order-{secrets.token_hex(2)}-{i}" for i in range(len(delays))]
    data = {key: f"result-{secrets.token_hex(3)}-{i}" for i, key in enumerate(keys)}
    api = SlowAPI(delays=dict(zip(keys, delays, strict=True)), data=data)
    handled: list[tuple[float, object]] = []

    def handle(result):
        handled.append((now(), result))

    with Stopwatch() as sw:
        await process_as_ready(api, list(keys), handle)
    n = len(keys)
    asked = _times(delays)
    unawaited = [value for _, value in handled if inspect.isawaitable(value)]
    if unawaited:
        for value in unawaited:
            if inspect.iscoroutine(value):
                value.close()  # explained below; no second "never awaited" warning
        await _let_stragglers_finish(api)
        raise fail(
            f"handle() was given {len(unawaited)} awaitable object(s) "
            f"({type(unawaited[0]).__name__}) instead of results. Each item that "
            "`asyncio.as_completed` yields must be awaited to get its result: "
            "`result = await next_result`, then `handle(result)`."
        )
    made = len(api.calls)
    if made != n or sorted(api.keys) != sorted(keys):
        raise fail(
            f"process_as_ready made {made} API calls for {n} keys (keys asked: {api.keys}). "
            "Call `api.get(key)` once for every key."
        )
    if api.completed < n:
        await _let_stragglers_finish(api)
        raise fail(
            f"Only {api.completed} of {n} API calls had finished when process_as_ready returned. "
            "Wait for every result before you return."
        )
    if api.max_in_flight < n:
        how = "one after another" if api.max_in_flight <= 1 else f"at most {api.max_in_flight} at the same time"
        raise fail(
            f"{n} API calls taking {asked} ran {how}; process_as_ready took {secs(sw.elapsed)}. "
            "Start all the calls first, then handle the results as they come in "
            "(`asyncio.as_completed` takes the whole list of calls)."
        )
    late = [c.key for c in api.calls if not close_to(c.start, sw.start)]
    if late:
        raise fail(
            f"The calls for {late} started after the others. Start every call at once, before you wait for any of them."
        )
    arrival = {data[c.key]: c.end - sw.start for c in api.calls}
    values = [value for _, value in handled]
    if sorted(map(str, values)) != sorted(map(str, arrival)):
        raise fail(
            f"handle() was called with {values}; expected each of the {n} API results exactly "
            f"once: {list(arrival)} (in the order they arrive). Pass `handle` what "
            "`await api.get(key)` gives you, once per key."
        )
    handled_at = [round(t - sw.start, 3) for t, _ in handled]
    expected_at = sorted(round(t, 3) for t in arrival.values())
    if not all(close_to(t - sw.start, arrival[value]) for t, value in handled):
        if all(close_to(t, handled_at[-1]) for t in handled_at):
            why = (
                "every result was handled only after the slowest call finished: you waited "
                "for all of them first (that is what `gather` does)"
            )
        elif values == [data[k] for k in keys]:
            why = "the results were handled in the order you asked for them, so a fast answer waited behind a slow one"
        else:
            why = "some results waited before they were handled"
        raise fail(
            f"With calls taking {asked}, handle() was called at {_times(handled_at)}; each "
            f"result should be handled the moment it arrives: at {_times(expected_at)}. Here "
            f"{why}. Loop over `asyncio.as_completed(...)` and handle each result as you get it."
        )
    if not close_to(sw.elapsed, max(delays)):
        raise fail(
            f"process_as_ready took {secs(sw.elapsed)}; the slowest call takes "
            f"{secs(max(delays))}. Something else in your code waited too."
        )


@pytest.mark.task(1)
async def test_results_are_handled_as_they_arrive(ex, exercise):
    await _grade_process_as_ready(ex, exercise.timing["arrivals"])


@pytest.mark.task(1)
async def test_more_results_are_handled_as_they_arrive(ex, exercise):
    await _grade_process_as_ready(ex, exercise.timing["more_arrivals"])


@pytest.mark.task(1)
async def test_many_results_are_handled_as_they_arrive(ex):
    # Free on the virtual clock, and more calls than any fixed cap on those in flight.
    delays = [ms / 1000 for ms in random.sample(range(50, 650, 10), MANY)]
    await _grade_process_as_ready(ex, delays)


async def _grade_fastest(ex, mirrors: dict[str, float]) -> None:
    fastest = require(ex, "fastest", coroutine=True)
    data = {name: f"answer-{secrets.token_hex(3)}" for name in mirrors}
    api = SlowAPI(delays=mirrors, data=data)
    n = len(mirrors)
    winner = min(mirrors, key=mirrors.__getitem__)
    quickest = mirrors[winner]
    with Stopwatch() as sw:
        answer = await fastest(api, list(mirrors))
    elapsed = sw.elapsed
    if isinstance(answer, asyncio.Future):  # a Task (or Future): not a coroutine to put `await` before
        kind = "Task" if isinstance(answer, asyncio.Task) else "Future"
        state = "had already finished" if answer.done() else "was still running"
        await _let_stragglers_finish(api)
        if not answer.done():
            answer.cancel()
            await asyncio.gather(answer, return_exceptions=True)
        elif not answer.cancelled():
            answer.exception()  # retrieved: no "exception was never retrieved" on top
        raise fail(
            f"fastest(api, mirrors) returned an asyncio {kind} (it {state}) instead of the "
            f"answer inside it. A {kind} is a handle on the request, not its result: the "
            f"{kind} still has to be awaited to get the answer. Return `await task` (or "
            "`task.result()`, once the task is done) instead of the task itself."
        )
    expect_not_coroutine(answer, "fastest(api, mirrors)")
    # A cancelled task finishes on the loop's next turn: give it a few.
    for _ in range(5):
        await asyncio.sleep(0)
    running = [c.key for c in api.calls if c.outcome == "running"]
    problem = None
    if len(api.calls) < n:
        problem = (
            f"fastest() asked {len(api.calls)} of the {n} mirrors ({api.keys}). Ask every "
            "mirror: you cannot know in advance which one answers first."
        )
    elif api.max_in_flight < n:
        problem = (
            f"fastest() asked the {n} mirrors one after another (at most {api.max_in_flight} "
            "at a time), so it waited for each in turn. Start all the requests first, then take "
            "the first one that finishes (`asyncio.as_completed` or `asyncio.wait(..., "
            "return_when=asyncio.FIRST_COMPLETED)`)."
        )
    elif answer != data[winner]:
        by_value = {v: k for k, v in data.items()}
        which = (
            f"the answer of {by_value[answer]!r} ({secs(mirrors[by_value[answer]])})"
            if isinstance(answer, str) and answer in by_value
            else repr(answer)
        )
        problem = (
            f"fastest() returned {which}; the first answer to arrive came from {winner!r}, after "
            f"{secs(quickest)}. Return the result of whichever request finishes first, not the "
            "first one in the list."
        )
    elif not close_to(elapsed, quickest):
        problem = (
            f"fastest() took {secs(elapsed)}; the quickest mirror answered after "
            f"{secs(quickest)}. Return as soon as the first answer arrives instead of waiting "
            "for the others."
        )
    elif running:
        problem = (
            f"When fastest() returned, the requests to {running} were still running: nobody "
            "needs their answers, yet they keep using the network and the servers. Cancel the "
            "requests you no longer need (`task.cancel()` on each unfinished task, for example "
            "in a `finally:`)."
        )
    elif api.cancelled != n - 1:
        problem = (
            f"{api.cancelled} of the {n - 1} slower requests were cancelled; the others ran to "
            "the end. Cancel every request still running once you have the first answer."
        )
    if problem is not None:
        await _let_stragglers_finish(api)
        raise fail(problem)
    expect_value(answer, data[winner], "fastest(api, mirrors)")


@pytest.mark.task(2)
async def test_fastest_mirror_wins_and_the_rest_are_cancelled(ex, exercise):
    await _grade_fastest(ex, exercise.timing["mirrors"])


@pytest.mark.task(2)
async def test_fastest_with_other_mirrors(ex, exercise):
    await _grade_fastest(ex, exercise.timing["more_mirrors"])
