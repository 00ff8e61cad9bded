"""Exercise 2 · Await, don't block.

Timing is measured on the grader's virtual clock (exact, immune to a busy machine); the
heartbeat catches `time.sleep` and any other call that holds the event loop.

A wait that hands `time.sleep` to a worker thread (`asyncio.to_thread`, `run_in_executor`,
starlette's `run_in_threadpool`, `anyio.to_thread.run_sync`) also leaves the loop free, so it
is right too. While a thread works the virtual clock follows the real one, but it does not
count the loop's own bookkeeping between two waits, so such a wait reads a few percent short.
It is accepted when the real clock confirms the whole wait and the loop's clock kept pace with
the real one throughout (an `await asyncio.sleep(0.97)` takes no real time, so it is still
0.97 s; a loop that spins or blocks lets real time pass while its clock stands still).
"""

import asyncio
import contextlib
import sys

import pytest

from awaitlings.engine.clocks import real_monotonic
from awaitlings.probes import (
    TOLERANCE,
    Patience,
    Stopwatch,
    close_to,
    expect_value,
    fail,
    now,
    require,
    secs,
    stamped_output,
)

# How far a thread-based wait may read from the asked time on the virtual clock. Short: the
# loop's own bookkeeping between waits is not counted, nor is the time the loop thread spends
# starting a worker thread (measured: 2-4 % on an idle machine, up to 12 % on a loaded one).
# Long: a loaded machine wakes the thread late. The real clock and the pace check, not this
# band, tell a right thread-based wait from a wrong one.
THREAD_SHORT = 0.25
THREAD_LONG = 0.1

# Loop seconds a call may wait before the test gives up on it (virtual: costs no real time).
PATIENCE = 10.0
SECONDS_NOT_MS = (
    "`asyncio.sleep` counts in seconds (not milliseconds, as JavaScript's setTimeout does): "
    "`await asyncio.sleep(seconds)` with the number of seconds as given."
)


class ClockPace:
    """`async with ClockPace() as pace:` samples, every 0.02 s of loop time and at the end, how
    far the real clock has run from the loop's clock since the block began.

    While a worker thread waits, the virtual clock follows the real one, so the two stay
    together (the loop's clock falls behind only by its own bookkeeping; see THREAD_SHORT). A
    timer jump (`asyncio.sleep`) moves the loop's clock with no real time passing, and a loop
    that spins or blocks lets real time pass with the loop's clock standing still.
    """

    def __init__(self) -> None:
        self.drift: list[float] = []  # (real time - loop time) since the start, per sample

    def _sample(self) -> None:
        self.drift.append((real_monotonic() - self._real0) - (now() - self._loop0))

    async def __aenter__(self) -> "ClockPace":
        self._loop0, self._real0 = now(), real_monotonic()

        async def keeping_time():
            while True:
                await asyncio.sleep(0.02)
                self._sample()

        # Named for the student, should a message ever list the grader's tasks.
        keeping_time.__name__ = keeping_time.__qualname__ = "the grader's clock check"
        self._task = asyncio.create_task(keeping_time())
        return self

    async def __aexit__(self, *exc_info) -> None:
        self._sample()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    def kept_pace(self, asked: float) -> bool:
        # Below: the loop's clock ran ahead (a timer jump; one tick of this check may jump).
        return all(-0.025 <= d <= asked * THREAD_SHORT + 0.02 for d in self.drift)


def waited_as_asked(virtual: float, real: float, pace: ClockPace, asked: float) -> str | None:
    """Did a wait of `asked` seconds really take that long, without holding the loop?

    Exact on the virtual clock for everything the loop itself times (`asyncio.sleep`, a
    timer, an Event with a timeout). A wait in a worker thread may read short (or, on a loaded
    machine, a little long) there; it counts when the real clock saw the whole wait and the loop's clock kept pace
    with it all along (a blocked loop also fails the test through the heartbeat).
    Returns "exact", "thread" or None (not as asked).
    """
    if (
        asked * (1 - THREAD_SHORT) <= virtual <= asked * (1 + THREAD_LONG)
        and real >= asked - TOLERANCE
        and pace.kept_pace(asked)
    ):
        return "thread"
    if close_to(virtual, asked):
        return "exact"
    return None


@contextlib.contextmanager
def student_output(module, monkeypatch):
    """`stamped_output()`, also standing in for a stdout the module kept a name for at import
    (`out = sys.stdout`, `from sys import stdout`): every line it writes, stamped."""
    streams = {id(s) for s in (sys.stdout, sys.__stdout__) if s is not None}
    aliases = [name for name, value in list(vars(module).items()) if id(value) in streams]
    with stamped_output() as out:
        for name in aliases:
            monkeypatch.setattr(module, name, out)
        yield out


@pytest.mark.task(1)
async def test_main_prints_start_waits_then_done(ex, exercise, monkeypatch):
    main = require(ex, "main", coroutine=True)
    wait = exercise.timing["main_wait"]
    async with ClockPace() as pace:
        with student_output(ex, monkeypatch) as out, Stopwatch() as watch:
            try:
                async with Patience(PATIENCE) as patience:
                    await main()
            except TimeoutError:
                raise fail(
                    f"main() was still waiting after {secs(PATIENCE)} of event-loop time (it printed "
                    f"{out.texts} by then); it should print Start, wait {secs(wait)} and print Done."
                    f"{patience.waiting_at()} {SECONDS_NOT_MS}"
                ) from None
    texts = out.texts
    if texts != ["Start", "Done"]:
        raise fail(f'main() printed {texts}; expected ["Start", "Done"].')
    start, done = out.lines
    gap, real_gap = done.at - start.at, done.real_at - start.real_at
    if not waited_as_asked(gap, real_gap, pace, wait):
        raise fail(
            f"main() waited {secs(gap)} of event-loop time between Start and Done; expected "
            f"{secs(wait)}. A wait the event loop knows about is `await asyncio.sleep({wait:g})`."
        )
    if not waited_as_asked(watch.elapsed, watch.real_elapsed, pace, wait):
        raise fail(
            f"main() took {secs(watch.elapsed)} in all; expected {secs(wait)}: print Start, wait "
            f"{secs(wait)}, print Done, and nothing else that waits."
        )


@pytest.mark.task(2)
async def test_prepare_waits_as_long_as_asked(ex, exercise):
    prepare = require(ex, "prepare", coroutine=True)
    async with ClockPace() as pace:
        with Stopwatch() as watch:
            try:
                async with Patience(PATIENCE) as patience:
                    result = await prepare("tea", 0.5)
            except TimeoutError:
                raise fail(
                    f'prepare("tea", 0.5) was still waiting after {secs(PATIENCE)} of event-loop '
                    f"time; it should take 0.5 s.{patience.waiting_at()} {SECONDS_NOT_MS}"
                ) from None
    expect_value(result, "tea ready", 'await prepare("tea", 0.5)')
    if not waited_as_asked(watch.elapsed, watch.real_elapsed, pace, 0.5):
        raise fail(
            f'prepare("tea", 0.5) returned after {secs(watch.elapsed)} of event-loop time; it '
            "should still take the 0.5 s it is asked to. Wait with `await asyncio.sleep(seconds)`."
        )


@pytest.mark.task(2)
async def test_other_orders_progress_while_one_waits(ex, exercise):
    prepare = require(ex, "prepare", coroutine=True)
    orders = exercise.timing["orders"]
    ticks = 0

    async def another_customer():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    # Named for the student: a message about this task speaks of "another customer".
    another_customer.__name__ = another_customer.__qualname__ = "another customer"
    bystander = asyncio.create_task(another_customer())
    try:
        async with ClockPace() as pace:
            with Stopwatch() as watch:
                try:
                    async with Patience(PATIENCE) as patience:
                        results = await asyncio.gather(*(prepare(name, s) for name, s in orders.items()))
                except TimeoutError:
                    raise fail(
                        f"3 orders started together ({', '.join(map(secs, orders.values()))}) were "
                        f"still not ready after {secs(PATIENCE)} of event-loop time; they should "
                        f"take {secs(max(orders.values()))}.{patience.waiting_at()} {SECONDS_NOT_MS}"
                    ) from None
    finally:
        # Stopped on every path (also when the grader's deadline cancels the orders), so it is
        # never reported as a task left running.
        bystander.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await bystander
    expect_value(results, [f"{name} ready" for name in orders], "the three orders")
    slowest = max(orders.values())
    how = waited_as_asked(watch.elapsed, watch.real_elapsed, pace, slowest)
    if how is None:
        raise fail(
            f"3 orders started together took {secs(watch.elapsed)}; they should finish in the time "
            f"of the slowest ({secs(slowest)}). While one order waits, the others must keep going."
        )
    expected_ticks = round(min(watch.elapsed, slowest) / 0.05) - 1
    if how == "thread":
        # On the real clock each tick comes a little late, and the lateness adds up.
        expected_ticks = int(min(watch.elapsed, slowest) * (1 - THREAD_SHORT) / 0.05) - 1
    if ticks < expected_ticks:
        raise fail(
            f"Another task on the event loop ran {ticks} times while the orders were prepared; "
            f"it should have run about {expected_ticks} times. Your waiting held up the loop."
        )
