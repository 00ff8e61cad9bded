"""Exercise 2 · Await, don't block.

Timing is measured on the grader's virtual clock (exact, immune to a busy machine); the
heartbeat catches `time.sleep` and any other call that holds the event loop.
"""

import asyncio
import contextlib

import pytest

from awaitlings.probes import Stopwatch, close_to, expect_value, fail, now, require, secs


@pytest.mark.task(1)
async def test_main_prints_start_waits_then_done(ex, exercise, monkeypatch):
    main = require(ex, "main", coroutine=True)
    wait = exercise.timing["main_wait"]
    printed = []
    # The module's own `print` is replaced, so each line is stamped with the loop time.
    monkeypatch.setattr(ex, "print", lambda *a, **k: printed.append((now(), " ".join(map(str, a)))),
                        raising=False)
    with Stopwatch() as sw:
        await main()
    texts = [text for _, text in printed]
    if texts != ["Start", "Done"]:
        raise fail(f'main() printed {texts}; expected ["Start", "Done"].')
    gap = printed[1][0] - printed[0][0]
    if not close_to(gap, wait):
        raise fail(
            f"main() waited {secs(gap)} of event-loop time between Start and Done; expected "
            f"{secs(wait)}. A wait the event loop knows about is `await asyncio.sleep({wait:g})`."
        )
    expect_value(round(sw.elapsed, 3), wait, "main()'s total time in seconds")


@pytest.mark.task(2)
async def test_prepare_waits_as_long_as_asked(ex, exercise):
    prepare = require(ex, "prepare", coroutine=True)
    with Stopwatch() as sw:
        result = await prepare("tea", 0.5)
    expect_value(result, "tea ready", 'await prepare("tea", 0.5)')
    if not close_to(sw.elapsed, 0.5):
        raise fail(
            f'prepare("tea", 0.5) returned after {secs(sw.elapsed)} of event-loop time; it should '
            "still take the 0.5 s it is asked to. Wait with `await asyncio.sleep(seconds)`."
        )


@pytest.mark.task(2)
async def test_other_orders_progress_while_one_waits(ex, exercise):
    prepare = require(ex, "prepare", coroutine=True)
    orders = exercise.timing["orders"]
    ticks = 0

    async def other_customer():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    bystander = asyncio.create_task(other_customer())
    with Stopwatch() as sw:
        results = await asyncio.gather(*(prepare(name, secs_) for name, secs_ in orders.items()))
    bystander.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await bystander
    expect_value(results, [f"{name} ready" for name in orders], "the three orders")
    slowest = max(orders.values())
    if not close_to(sw.elapsed, slowest):
        raise fail(
            f"3 orders started together took {secs(sw.elapsed)}; they should finish in the time "
            f"of the slowest ({secs(slowest)}). While one order waits, the others must keep going."
        )
    expected_ticks = round(slowest / 0.05) - 1
    if ticks < expected_ticks:
        raise fail(
            f"Another task on the event loop ran {ticks} times while the orders were prepared; "
            f"it should have run about {expected_ticks} times. Your waiting held up the loop."
        )
