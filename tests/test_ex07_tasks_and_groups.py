"""Exercise 7 · Tasks and task groups.

Virtual clock, grader-owned fakes that record when each call started and ended and whether
it finished, failed or was cancelled. "In the background" is graded as overlap (every call in
flight at the start, total time = the slowest); "cancel on failure" as the state of the other
calls at the very moment the error reaches the caller.
"""

import asyncio
import inspect
import random
from typing import Any

import pytest

from awaitlings.probes import (
    ServiceError,
    SlowAPI,
    SlowDatabase,
    Stopwatch,
    close_to,
    expect_value,
    fail,
    now,
    reorderings,
    require,
    secs,
    unsorted,
)


def random_keys(count: int, prefix: str) -> list[str]:
    rng = random.Random()
    keys: list[str] = []
    while len(keys) < count:
        key = f"{prefix}{rng.randint(100, 999)}"
        if key not in keys:
            keys.append(key)
    return keys


def unsorted_keys(count: int, prefix: str) -> list[str]:
    """Random keys given in neither ascending nor descending order, so returning the values
    sorted by key is not the order asked for."""
    return unsorted(lambda: random_keys(count, prefix))


def random_values(keys: list[str]) -> dict[str, str]:
    rng = random.Random()
    return {key: f"{key}:{rng.choice(['Ada', 'Bo', 'Cy', 'Di', 'Ed'])}{rng.randint(10, 99)}" for key in keys}


def find(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """`exc` itself if it is a `kind`, or the first `kind` inside an exception group."""
    if isinstance(exc, kind):
        return exc
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            found = find(inner, kind)
            if found is not None:
                return found
    return None


def explain_early_result(exc: BaseException, what: str) -> None:
    """A `.result()` read too early (InvalidStateError), said plainly: inside a TaskGroup's
    block the error comes out wrapped in an ExceptionGroup, with the tasks cancelled."""
    if find(exc, asyncio.InvalidStateError) is None:
        return
    if isinstance(exc, BaseExceptionGroup):
        raise fail(
            f"{what} read a task's `.result()` inside the TaskGroup's `async with` block, before "
            "the task had finished (InvalidStateError: Result is not set). The TaskGroup then "
            "cancelled all its tasks and raised that error. Inside the block the tasks are "
            "still running: their results can be read only after the `async with` block has "
            "ended (the end of the block is where the TaskGroup waits for them). Move the "
            "`.result()` calls below the block, or `await` each task instead."
        ) from None
    raise fail(
        f"{what} asked a task for its `.result()` before the task had finished "
        "(InvalidStateError: Result is not set). Collect a task's result by awaiting it, "
        "or read `.result()` only after the TaskGroup's `async with` block has ended."
    ) from None


def expect_in_order(result: Any, expected: list[Any], finished: list[Any], what: str, things: str) -> None:
    """`result` holds the values in the order they were asked for; a list of the right values
    in another order (the order the calls finished in, most likely) is named as such."""
    if isinstance(result, tuple):
        result = list(result)
    if result == expected or not isinstance(result, list):
        return
    if sorted(map(repr, result)) == sorted(map(repr, expected)):
        how = f"in the order the {things} finished" if result == finished else "in a different order"
        raise fail(
            f"{what} returned the right {things[:-1]} values, but {how} ({result}), not in "
            f"the order they were asked for ({expected}). The caller matches values to ids by "
            "position. Keep your tasks in a list in the order of the ids and read their results "
            "in that order (`asyncio.gather` also keeps the order you pass things in)."
        )


def expect_no_pending(result: Any, what: str) -> None:
    values = list(result.values()) if isinstance(result, dict) else [result]
    for value in list(values):
        if isinstance(value, (list, tuple)):
            values.extend(value)
    for value in values:
        if inspect.isawaitable(value):
            if inspect.iscoroutine(value):
                value.close()
            raise fail(
                f"{what} returned a {type(value).__name__} object where a loaded value belongs. "
                "Starting a task does not give you its result: await the task (or let a "
                "TaskGroup's `async with` block finish) and use what it returns."
            )


@pytest.mark.task(1)
async def test_build_page_loads_users_in_the_background(ex, exercise):
    build_page = require(ex, "build_page", coroutine=True)
    user_delays = exercise.timing["user_delays"]
    header_delay = exercise.timing["header_delay"]
    # Distinct delays: the users finish in another order than asked for. The same users are
    # asked for again reversed and shuffled; each time the page lists them as asked.
    given = unsorted_keys(len(user_delays), "user-")
    delay_of = dict(zip(given, user_delays, strict=True))
    users = random_values(given)
    for user_ids in reorderings(given):
        await build_page_round(build_page, user_ids, delay_of, users, header_delay)


async def build_page_round(
    build_page: Any, user_ids: list[str], delay_of: dict[str, float], users: dict[str, str], header_delay: float
) -> None:
    user_delays = [delay_of[u] for u in user_ids]
    header = f"Hello from shop {random.randint(1000, 9999)}"
    db = SlowDatabase(delays={u: delay_of[u] for u in user_ids}, data=users)
    api = SlowAPI(delay=header_delay, data={"/header": header})
    what = f"build_page(db, api, {user_ids})"
    with Stopwatch() as sw:
        try:
            result = await build_page(db, api, user_ids)
        except Exception as exc:  # re-raised unless it is a known mistake
            explain_early_result(exc, what)
            raise
    expect_no_pending(result, what)
    expected_users = [users[u] for u in user_ids]
    if isinstance(result, dict) and result.get("header") == header:
        finished = [users[k] for k in db.completion_order()]
        expect_in_order(result.get("users"), expected_users, finished, f'{what}["users"]', "users")
    expect_value(result, {"header": header, "users": expected_users}, what)
    if len(db.calls) != len(user_ids) or db.completed != len(user_ids) or api.completed != 1:
        raise fail(
            f"{what} should load each of the {len(user_ids)} users once and the header once, "
            f"and wait for all of them; it made {len(db.calls)} user loads ({db.completed} "
            f"finished) and {len(api.calls)} header fetches ({api.completed} finished)."
        )
    slowest = max(*user_delays, header_delay)
    if db.max_in_flight < len(user_ids):
        how = "one after another" if db.max_in_flight <= 1 else f"at most {db.max_in_flight} at a time"
        raise fail(
            f"The {len(user_ids)} users were loaded {how}, and the page took "
            f"{secs(sw.elapsed)}. Start every user load as a task first "
            "(`asyncio.create_task` or `tg.create_task` in a TaskGroup), so they all run in "
            f"the background together; started together, they take {secs(max(user_delays))}."
        )
    users_start = min(c.start for c in db.calls) - sw.start
    users_end = max(c.end or 0.0 for c in db.calls) - sw.start
    header_call = api.calls[0]
    header_start = header_call.start - sw.start
    header_end = (header_call.end or 0.0) - sw.start
    if header_start >= users_end - 0.002 or users_start >= header_end - 0.002:
        first, then = ("users", "header") if header_start >= users_end - 0.002 else ("header", "users")
        raise fail(
            f"The header and the users did not overlap: the {first} loaded first, the {then} "
            f"only after (the header ran from {secs(header_start)} to {secs(header_end)}, the "
            f"users from {secs(users_start)} to {secs(users_end)}), so the page took {secs(sw.elapsed)} instead "
            f"of {secs(slowest)}. Start the user loads as background tasks, then await the "
            "header while they run, and collect the users afterwards."
        )
    if not close_to(sw.elapsed, slowest):
        raise fail(
            f"{what} took {secs(sw.elapsed)}; with the users loading in the background while "
            f"the header is fetched it should take {secs(slowest)}, the time of the slowest "
            "call. Start the user tasks before you await anything else."
        )


def expect_all_at_once(db: SlowDatabase, count: int, delays: list[float], elapsed: float, what: str) -> None:
    """`count` calls taking `delays`, all in flight together: the whole took the slowest."""
    made, done, slowest = len(db.calls), db.completed, max(delays)
    if made != count:
        raise fail(f"Expected {count} {what} on the {db.name}, one per key; your code made {made}.")
    if done < made:
        raise fail(
            f"Only {done} of {made} {what} had finished when your code returned. The rest were "
            "started but never awaited. Wait for all of them (a TaskGroup, or "
            "`await asyncio.gather(...)`)."
        )
    if db.max_in_flight < count:
        how = (
            "they ran one after another"
            if db.max_in_flight <= 1
            else f"at most {db.max_in_flight} were running at the same time"
        )
        raise fail(
            f"{count} {what} ({secs(min(delays))} to {secs(slowest)} each) took {secs(elapsed)}: "
            f"{how}. Started together, they would take {secs(slowest)}, the time of the "
            "slowest. Start them all as tasks first, then wait for them together: an "
            "`asyncio.TaskGroup` or `await asyncio.gather(...)`."
        )
    if not close_to(elapsed, slowest):
        raise fail(
            f"The {count} {what} ran together but took {secs(elapsed)} in all; the slowest "
            f"takes {secs(slowest)}. Something else in your code waited too."
        )


@pytest.mark.task(2)
async def test_load_all_loads_everything_at_once(ex, exercise):
    load_all = require(ex, "load_all", coroutine=True)
    # Distinct delays: the loads finish in another order than asked for. The same keys are
    # asked for again reversed and shuffled; each time the values come back as asked.
    given = unsorted_keys(len(exercise.timing["many_delays"]), "k")
    delay_of = dict(zip(given, exercise.timing["many_delays"], strict=True))
    values = random_values(given)
    for keys in reorderings(given):
        delays = [delay_of[k] for k in keys]
        db = SlowDatabase(delays={k: delay_of[k] for k in keys}, data=values)
        what = f"load_all(db, {keys})"
        with Stopwatch() as sw:
            try:
                result = await load_all(db, keys)
            except Exception as exc:  # re-raised unless it is a known mistake
                explain_early_result(exc, what)
                raise
        expect_no_pending(result, what)
        if isinstance(result, tuple):
            result = list(result)
        finished = [values[k] for k in db.completion_order()]
        expect_in_order(result, [values[k] for k in keys], finished, what, "loads")
        expect_value(result, [values[k] for k in keys], what)
        expect_all_at_once(db, len(keys), delays, sw.elapsed, "loads")


async def run_failing_load(ex: Any, exercise: Any) -> tuple[SlowDatabase, list[str], str, Any]:
    """`load_all` over keys of which one fails early; returns what reached the caller."""
    load_all = require(ex, "load_all", coroutine=True)
    delays = exercise.timing["load_delays"]
    keys = random_keys(len(delays), "k")
    bad = keys[exercise.timing["failing"]]
    # A cancelled load takes a few loop turns to stop, as a real query does: only code that
    # waits for the cancelled loads (a TaskGroup does) sees them all stopped.
    db = SlowDatabase(delays=dict(zip(keys, delays, strict=True)), data=random_values(keys), fail={bad}, stop_turns=3)
    start = now()
    outcome: Any
    try:
        outcome = ("returned", await load_all(db, keys))
    except Exception as exc:  # what reached the caller is what is graded
        outcome = ("raised", exc)
    except asyncio.CancelledError as exc:
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise  # the grader itself is stopping this test
        outcome = ("raised", exc)
    # What was still running at the very moment the caller got its answer.
    running = [c.key for c in db.calls if c.outcome == "running"]
    return db, keys, bad, (outcome, now() - start, running)


def describe_swallowed(bad: str, result: Any) -> str:
    return (
        f"load_all returned {result!r} although loading {bad!r} failed (ServiceError). The "
        "caller cannot tell a failed load from a real value, so the error is lost. Do not "
        "catch it: let it propagate out of `load_all` (a TaskGroup, or `await "
        "asyncio.gather(...)`, raises it for you)."
    )


@pytest.mark.task(2)
async def test_load_all_lets_the_error_reach_the_caller(ex, exercise):
    _db, _keys, bad, ((kind, value), _elapsed, _running) = await run_failing_load(ex, exercise)
    # Give loads left running the time to end on their own: this task grades the error only.
    await asyncio.sleep(max(exercise.timing["load_delays"]) + 0.1)
    if kind == "returned":
        raise fail(describe_swallowed(bad, value))
    explain_early_result(value, "load_all(db, keys)")
    if isinstance(value, asyncio.CancelledError):
        raise fail(
            f"load_all raised CancelledError, but the load of {bad!r} failed with ServiceError, "
            "and that is the error the caller needs to see. A CancelledError comes out of a "
            "task you cancelled (awaiting it or reading its `.result()`); raise the failed "
            "task's own exception instead, or let a TaskGroup do it."
        )
    if find(value, ServiceError) is None:
        raise fail(
            f"load_all raised {type(value).__name__}: {value}, but the load of {bad!r} failed "
            "with ServiceError, and that is the error the caller needs to see. Let it "
            "propagate unchanged."
        )


@pytest.mark.task(3)
async def test_load_all_cancels_the_others_when_one_fails(ex, exercise):
    db, keys, bad, ((kind, value), elapsed, running) = await run_failing_load(ex, exercise)
    delays = dict(zip(keys, exercise.timing["load_delays"], strict=True))
    fails_at = delays[bad]
    if kind == "raised":
        explain_early_result(value, "load_all(db, keys)")
    if db.max_in_flight < len(keys):
        raise fail(
            f"The {len(keys)} loads did not all run at the same time (at most "
            f"{db.max_in_flight} at once), so there was nothing to cancel when {bad!r} failed. "
            "Start them all as tasks first (task 2)."
        )
    if kind == "returned":
        raise fail(describe_swallowed(bad, value))
    if running:
        raise fail(
            f"The load of {bad!r} failed after {secs(fails_at)}, and the error reached the "
            f"caller while {len(running)} other loads were still running ({running}). Nobody "
            "will use their results: cancel them, and wait until they have stopped, before "
            "the error leaves `load_all`. `async with asyncio.TaskGroup()` does both; plain "
            "`asyncio.gather` does neither."
        )
    ran_on = [
        c.key for c in db.calls if c.key != bad and c.outcome == "done" and (c.end or 0.0) > c.start + fails_at + 0.002
    ]
    if ran_on or not close_to(elapsed, fails_at):
        finished = f" ({len(ran_on)} of them ran to the end)" if ran_on else ""
        raise fail(
            f"The load of {bad!r} failed after {secs(fails_at)}, but the error reached the "
            f"caller only after {secs(elapsed)}: the other loads were left running after the "
            f"failure{finished}. Cancel them as soon as one fails: a TaskGroup does, and so "
            "does `asyncio.wait(..., return_when=asyncio.FIRST_EXCEPTION)` followed by "
            "cancelling the rest."
        )
    cancelled = db.cancelled
    if cancelled < len(keys) - 1 - sum(1 for k in keys if delays[k] < fails_at):
        raise fail(
            f"Only {cancelled} of the other loads were cancelled when {bad!r} failed; the "
            "ones still running at that moment should all be cancelled."
        )
