"""Clocks the grader trusts, and event loops that use them.

Student code may replace `time.monotonic`, `time.perf_counter`, `asyncio.sleep` or a loop's
`time` to fake fast timings. The grader keeps its own references, taken when this module is
imported (before any exercise), and its loops never look the clock up again.

`VirtualClockLoop` runs on virtual time: when every task is waiting on a timer, the clock jumps
to the next timer instead of sleeping. A 0.3 s `asyncio.sleep` costs no real time, and timing
verdicts are exact and immune to a loaded machine. `time.sleep` costs 0 virtual seconds (the
loop never learns of it), which is why the heartbeat watches the real clock at the same time.
While any thread started during the test is working (`asyncio.to_thread`, `run_in_executor`,
FastAPI's thread pool for `def` routes), the virtual clock follows the real one, so threads get
the time they really take and a pending timer cannot jump past them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import queue
import selectors
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType, MethodType
from typing import Any

# Taken at import: the grader's own view of time, whatever student code patches later.
real_monotonic: Callable[[], float] = time.monotonic
real_perf_counter: Callable[[], float] = time.perf_counter
real_sleep: Callable[[float], None] = time.sleep

# Real time spent waiting for threads is capped per select() so a long thread wait still lets
# the loop notice its own timers.
_MAX_REAL_WAIT = 0.05


# Where an idle thread waits: (file, function) of its innermost Python frame. Only these exact
# wait points count: a thread starting up (threading.py's bootstrap), building a selector or
# closing a loop is at work, and judging it idle there let the clock run away (to the deadline,
# under load) while the thread was about to do real work. Every entry must exist on the running
# Python: selftest/test_internals.py parks a real thread at each wait and checks it is idle.
_WAIT_POINTS = {
    ("threading.py", "wait"),  # Condition/Event.wait, queue.Queue.get (anyio's workers)
    # Thread.join: up to 3.12 it blocks in _wait_for_tstate_lock; from 3.13 join() itself calls
    # the C thread handle's join, so join is the innermost Python frame.
    ("threading.py", "_wait_for_tstate_lock" if sys.version_info < (3, 13) else "join"),
    ("thread.py", "_worker"),  # concurrent.futures worker blocked in SimpleQueue.get
    ("selectors.py", "select"),  # a selector wait that is not an event loop's (see below)
}


def _has_work_waiting(frame: FrameType | None) -> bool:
    """Has what this thread waits on already got something for it? Work handed over but not
    yet picked up (the thread not yet scheduled, on a loaded machine) is work in progress."""
    depth = 0
    while frame is not None and depth < 4:
        for name in ("self", "work_queue"):
            obj = frame.f_locals.get(name)
            if isinstance(obj, (queue.Queue, queue.SimpleQueue)) and not obj.empty():
                return True
            if isinstance(obj, threading.Event) and obj.is_set():
                return True
        frame, depth = frame.f_back, depth + 1
    return False


def _thread_is_idle(frame: FrameType) -> bool:
    filename = frame.f_code.co_filename.replace("\\", "/").rsplit("/", 1)[-1]
    if (filename, frame.f_code.co_name) not in _WAIT_POINTS:
        return False
    # Waiting in select() inside an event loop of its own (`asyncio.run` in a worker thread,
    # a server thread) is work in progress: its timers will wake it.
    outer: FrameType | None = frame
    while outer is not None:
        if outer.f_code.co_name == "_run_once" and outer.f_code.co_filename.endswith("base_events.py"):
            return False
        outer = outer.f_back
    return not _has_work_waiting(frame)


ThreadKey = tuple[int, "int | None"]


def thread_key(ident: int) -> ThreadKey:
    """A thread's identity. The ident alone is not one: a new thread often gets the ident of
    one that just ended (seen: a pool thread took a finished grader thread's ident, was ignored
    as "not the test's", and the clock ran to the deadline while it worked)."""
    thread = getattr(threading, "_active", {}).get(ident)
    return ident, getattr(thread, "native_id", None)


def threads_busy(ignore: set[ThreadKey]) -> bool:
    """Is any thread not in `ignore` running code (rather than waiting for work)?

    Covers `asyncio.to_thread`, `run_in_executor`, anyio's pool (FastAPI `def` routes,
    `run_in_threadpool`) and threads started by hand, without knowing which pool they are in.
    """
    for ident, frame in sys._current_frames().items():
        if thread_key(ident) in ignore:
            continue
        if not _thread_is_idle(frame):
            return True
    return False


class _GraderLoop(asyncio.SelectorEventLoop):
    """What both grader loops add to a selector loop: a default executor the grader owns, and a
    close that never waits on student code.

    pytest-asyncio's `asyncio.Runner` closes the loop in the test's teardown: it cancels the
    tasks still there and waits for them, then waits for the default executor's threads. A task
    that swallows `CancelledError` or a thread in `time.sleep(3600)` would hang that teardown.
    The runner (`awaitlings.engine.runner`) has already cancelled and waited, bounded, inside
    the test; after `bound_cleanup()` every later `run_until_complete` gives up after that many
    loop seconds, and the executor is shut down without waiting."""

    def __init__(self, selector: selectors.BaseSelector | None = None) -> None:
        super().__init__(selector)
        self._cleanup_limit: float | None = None
        # Set through the public API, so the grader holds it and need not read `_default_executor`.
        self.set_default_executor(concurrent.futures.ThreadPoolExecutor(thread_name_prefix="asyncio"))

    def set_default_executor(self, executor: Any) -> None:
        # Kept whoever sets it (student code may install its own): that is the one to shut down.
        super().set_default_executor(executor)
        self.executor: concurrent.futures.Executor = executor

    def bound_cleanup(self, seconds: float) -> None:
        self._cleanup_limit = seconds

    def run_until_complete(self, future: Any) -> Any:
        limit = self._cleanup_limit
        if limit is None:
            return super().run_until_complete(future)
        task = asyncio.ensure_future(future, loop=self)
        super().run_until_complete(asyncio.wait([task], timeout=limit))
        if not task.done():
            # Something still runs after the limit (it survived even a closed coroutine). Say so
            # as a RuntimeError: pytest-asyncio turns that into a warning, not a hang.
            raise RuntimeError(f"still running {limit:g} s after the test was cleaned up; left to the loop's close")
        return None if task.cancelled() else task.result()

    async def shutdown_default_executor(self, timeout: float | None = None) -> None:
        # Student threads may never end (`time.sleep(3600)`): do not wait for them.
        self.executor.shutdown(wait=False, cancel_futures=True)


class _GuardedClock:
    """A loop's `time` that cannot be replaced: `loop.time = f` is noted, not obeyed."""

    def __init__(self, func: Callable[[Any], float]) -> None:
        self.func = func

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        return self.func if obj is None else MethodType(self.func, obj)

    def __set__(self, obj: Any, value: Any) -> None:
        obj._clock_patch_attempted = True


class _VirtualSelector(selectors.DefaultSelector):
    """Turns "sleep until the next timer" into a jump of the virtual clock."""

    def __init__(self) -> None:
        super().__init__()
        self.loop: VirtualClockLoop | None = None

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        loop = self.loop
        assert loop is not None
        loop.clock_was_moved()
        if timeout is not None and timeout <= 0:
            return super().select(0)
        if loop._threads_busy():
            # Threads are doing real work: let real time pass, and count it.
            wait = _MAX_REAL_WAIT if timeout is None else min(timeout, _MAX_REAL_WAIT)
            start = real_monotonic()
            events = super().select(wait)
            loop._advance(real_monotonic() - start, followed_threads=True)
            return events
        events = super().select(0)
        if events or timeout is None:
            # Nothing scheduled and nothing ready: block for real (I/O or a thread's callback).
            return events or super().select(None)
        loop._advance(timeout)
        return []


class VirtualClockLoop(_GraderLoop):
    """An event loop whose clock jumps over idle waits. See the module docstring."""

    def __init__(self) -> None:
        selector = _VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        self._virtual_now = 0.0
        self._virtual_set = 0.0  # what `_advance` last made it: anything else is tampering
        self._thread_time = 0.0  # loop time that passed at real speed while threads worked
        # Threads that exist before the test (pytest, xdist, timers) are not the test's work.
        self._ignored_threads = {thread_key(ident) for ident in sys._current_frames()}

    def _virtual_time(self) -> float:
        return self._virtual_now

    time = _GuardedClock(_virtual_time)
    _clock_patch_attempted = False

    def _advance(self, seconds: float, *, followed_threads: bool = False) -> None:
        # Only the selector moves the clock; a call from anywhere else (student code reaching
        # for `loop._advance(1.0)` to fake a wait) is noted, not obeyed.
        caller = sys._getframe(1).f_code
        if caller is not _VirtualSelector.select.__code__:
            self._clock_patch_attempted = True
            return
        self.clock_was_moved()
        self._virtual_now += max(0.0, seconds)
        self._virtual_set = self._virtual_now
        if followed_threads:
            self._thread_time += max(0.0, seconds)

    def clock_was_moved(self) -> bool:
        """Did anything but the selector change the virtual time? (It is put back.)"""
        if self._virtual_now != self._virtual_set:
            self._clock_patch_attempted = True
            self._virtual_now = self._virtual_set
        return self._clock_patch_attempted

    def ignore_thread(self, ident: int) -> None:
        """A grader thread (e.g. the heartbeat's watchdog) that never does the test's work."""
        self._ignored_threads.add(thread_key(ident))

    def _threads_busy(self) -> bool:
        return threads_busy(self._ignored_threads)


class RealClockLoop(_GraderLoop):
    """A normal event loop, except that its clock cannot be patched by student code."""

    def _real_time(self) -> float:
        return real_monotonic()

    time = _GuardedClock(_real_time)
    _clock_patch_attempted = False


# The unpatchable clock of a loop: the class's own method, looked up now.
_LOOP_CLOCKS: dict[type, Callable[[Any], float]] = {
    VirtualClockLoop: VirtualClockLoop._virtual_time,
    RealClockLoop: RealClockLoop._real_time,
}


def loop_clock(loop: asyncio.AbstractEventLoop) -> Callable[[], float]:
    """The grader's clock for `loop` (virtual or real), immune to `loop.time = …`."""
    for kind, method in _LOOP_CLOCKS.items():
        if isinstance(loop, kind):
            return lambda: method(loop)
    return real_monotonic


def now() -> float:
    """The running loop's time, read through the grader's own reference."""
    return loop_clock(asyncio.get_running_loop())()


def thread_time() -> float:
    """Loop time so far that the virtual clock spent following real time while threads worked
    (e.g. FastAPI running a sync dependency): load makes it longer, so timing verdicts allow it.
    Zero on any other loop."""
    loop = asyncio.get_running_loop()
    return loop._thread_time if isinstance(loop, VirtualClockLoop) else 0.0


def is_virtual(loop: asyncio.AbstractEventLoop) -> bool:
    return isinstance(loop, VirtualClockLoop)
