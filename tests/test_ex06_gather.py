"""Exercise 6 · Run waits together.

Graded on the virtual clock with a grader-owned API fake that records every call: how many
were in flight at once, when each finished. Per-path delays make the completion order differ
from the input order, so "results in the order they finished" is caught; random ids and
values make a hard-coded answer impossible.
"""

import inspect
import random
from typing import Any

import pytest

from awaitlings.probes import (
    SlowAPI,
    Stopwatch,
    close_to,
    draw_timeline,
    expect_on_this_loop,
    expect_value,
    fail,
    reorderings,
    require,
    secs,
    unsorted,
)

MANY = 50  # ids in the biggest test


def random_ids(count: int) -> list[str]:
    rng = random.Random()
    ids: list[str] = []
    while len(ids) < count:
        item = f"/items/{rng.choice('abcdefghkmnpqrstuvwxyz')}{rng.randint(10, 99)}"
        if item not in ids:
            ids.append(item)
    return ids


def unsorted_ids(count: int) -> list[str]:
    """Random ids given in neither ascending nor descending order: results sorted by id are
    not in the order asked for."""
    return unsorted(lambda: random_ids(count))


def spread_delays(ids: list[str], delay: float) -> dict[str, float]:
    """A different delay for every id (from `delay` up, 10 ms apart), in a random order that
    is neither the order of `ids` nor its reverse: the fetches finish in another order than
    they were asked for."""
    rng = random.Random()
    steps = list(range(len(ids)))
    while len(steps) > 2 and steps in (sorted(steps), sorted(steps, reverse=True)):
        rng.shuffle(steps)
    return {item: round(delay + 0.01 * step, 2) for item, step in zip(ids, steps, strict=True)}


def random_values(keys: list[str]) -> dict[str, str]:
    rng = random.Random()
    return {key: f"{key.rsplit('/', 1)[-1]}={rng.randint(1000, 9999)}" for key in keys}


def expect_results(result: Any, expected: list[Any], api: SlowAPI, what: str) -> None:
    """The results, in input order; with the likely mistakes named."""
    if inspect.isawaitable(result):
        if inspect.iscoroutine(result):
            result.close()
        raise fail(
            f"{what} gave back a {type(result).__name__} object, something to await, instead of "
            "the results. `asyncio.gather(...)` must itself be awaited: "
            "`return await asyncio.gather(...)`."
        )
    if isinstance(result, (list, tuple)):
        pending = [r for r in result if inspect.isawaitable(r)]
        if pending:
            for item in pending:
                if inspect.iscoroutine(item):
                    item.close()
            raise fail(
                f"{what} returned a list holding {type(pending[0]).__name__} objects instead of "
                "the fetched values. Starting a task or calling a coroutine function does not "
                "give you its result; you get that by awaiting it. Await them together: "
                "`await asyncio.gather(...)`."
            )
        result = list(result)
    if result == expected:
        return
    if isinstance(result, list) and sorted(map(repr, result)) == sorted(map(repr, expected)):
        finished = [api.result_for(key) for key in api.completion_order()]
        how = "in the order the fetches finished" if result == finished else "in a different order"
        raise fail(
            f"{what} returned the right values, but {how} ({result}), not in the order they "
            f"were asked for ({expected}). The caller matches results to ids by position. "
            "`asyncio.gather` keeps the order you passed the awaitables in; with tasks, read "
            "their results in the order you created them."
        )
    expect_value(result, expected, what)


def expect_all_at_once(api: SlowAPI, count: int, slowest: float, sw: Stopwatch, what: str) -> None:
    made, done, elapsed = len(api.calls), api.completed, sw.elapsed
    picture = draw_timeline(api.calls, since=sw.start, until=sw.start + elapsed)
    if made != count:
        raise fail(f"Expected {count} {what} on the {api.name}, one per item; your code made {made}.")
    if done < made:
        raise fail(
            f"Only {done} of {made} {what} had finished when your code returned. The rest were "
            f"started but never awaited. Wait for all of them (`await asyncio.gather(...)`).\n\n{picture}"
        )
    if api.max_in_flight < count:
        how = (
            "they ran one after another"
            if api.max_in_flight <= 1
            else f"at most {api.max_in_flight} were running at the same time"
        )
        quickest = min(c.duration or 0.0 for c in api.calls)
        raise fail(
            f"{count} {what} ({secs(quickest)} to {secs(slowest)} each) took {secs(elapsed)}: "
            f"{how}. Started together, they would take {secs(slowest)}, the time of the "
            "slowest. Start them all first, then wait for them together: "
            f"`await asyncio.gather(...)` or an `asyncio.TaskGroup`.\n\n{picture}"
        )
    if not close_to(elapsed, slowest):
        raise fail(
            f"The {count} {what} ran together but took {secs(elapsed)} in all; the slowest "
            f"takes {secs(slowest)}. Something else in your code waited too.\n\n{picture}"
        )


@pytest.mark.task(1)
async def test_fetch_all_runs_together_in_input_order(ex, exercise):
    fetch_all = require(ex, "fetch_all", coroutine=True)
    # Distinct delays: the fetches finish in another order than asked for. The same ids are
    # asked for again reversed and shuffled; each time the results come back as asked.
    given = unsorted_ids(len(exercise.timing["delays"]))
    delay_of = dict(zip(given, exercise.timing["delays"], strict=True))
    values = random_values(given)
    for ids in reorderings(given):
        api = SlowAPI(delays={i: delay_of[i] for i in ids}, data=values)
        with Stopwatch() as sw:
            result = await fetch_all(api, ids)
        expect_on_this_loop(api, "fetch_all")
        expect_results(result, [values[i] for i in ids], api, f"fetch_all(api, {ids})")
        expect_all_at_once(api, len(ids), max(delay_of.values()), sw, "fetches")


@pytest.mark.task(1)
@pytest.mark.parametrize("size", ["many", "fifty"])
async def test_fetch_all_scales_to_more_ids(ex, exercise, size):
    fetch_all = require(ex, "fetch_all", coroutine=True)
    # Fifty ids are free on the virtual clock, and more than any fixed batch size.
    ids = unsorted_ids(exercise.timing["many"] if size == "many" else MANY)
    values = random_values(ids)
    delays = spread_delays(ids, exercise.timing["delay"])
    api = SlowAPI(delays=delays, data=values)
    with Stopwatch() as sw:
        result = await fetch_all(api, ids)
    expect_on_this_loop(api, "fetch_all")
    expect_results(result, [values[i] for i in ids], api, f"fetch_all(api, <{len(ids)} ids>)")
    expect_all_at_once(api, len(ids), max(delays.values()), sw, "fetches")


@pytest.mark.task(2)
async def test_dashboard_fetches_everything_at_once(ex, exercise):
    dashboard = require(ex, "dashboard", coroutine=True)
    delays = exercise.timing["dashboard"]
    paths = list(delays)
    values = random_values(paths)
    api = SlowAPI(delays=delays, data=values)
    with Stopwatch() as sw:
        result = await dashboard(api)
    expect_on_this_loop(api, "dashboard")
    expected = {path.strip("/"): values[path] for path in paths}
    if isinstance(result, dict):
        for key, value in result.items():
            if inspect.isawaitable(value):
                if inspect.iscoroutine(value):
                    value.close()
                raise fail(
                    f'dashboard(api)["{key}"] is a {type(value).__name__} object, not the '
                    "fetched value: it was started or created but never awaited. Await the "
                    "calls together: `weather, news, stocks = await asyncio.gather(...)`."
                )
    if isinstance(result, dict) and set(result) == set(expected) and result != expected:
        # The right answers under the wrong names: say which answer went where.
        path_of = {value: path for path, value in values.items()}
        moved = [
            f'the answer of {path_of[value]} under "{key}"'
            for key, value in result.items()
            if isinstance(value, str) and value in path_of and value != expected[key]
        ]
        if moved:
            raise fail(
                f"dashboard(api) put {', '.join(moved)}. Each name must get the answer of its own "
                "path. `asyncio.gather` returns the answers in the order you passed the calls "
                "(not the order they finished in): unpack them in that same order, "
                '`weather, news, stocks = await asyncio.gather(api.get("/weather"), '
                'api.get("/news"), api.get("/stocks"))`.'
            )
    expect_value(result, expected, "await dashboard(api)")
    expect_all_at_once(api, len(paths), max(delays.values()), sw, "requests")
