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
import selectors
import sys
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


# Where an idle worker thread waits: a thread whose innermost frame is here is not working.
_IDLE_FILES = ("threading.py", "queue.py", "selectors.py")
_IDLE_FUNCTIONS = {("thread.py", "_worker")}  # concurrent.futures worker between jobs


def _thread_is_idle(frame: FrameType) -> bool:
    filename = frame.f_code.co_filename.replace("\\", "/").rsplit("/", 1)[-1]
    if not (filename in _IDLE_FILES or (filename, frame.f_code.co_name) in _IDLE_FUNCTIONS):
        return False
    # Waiting in select() inside an event loop of its own (`asyncio.run` in a worker thread,
    # a server thread) is work in progress: its timers will wake it.
    outer: FrameType | None = frame
    while outer is not None:
        if outer.f_code.co_name == "_run_once" and outer.f_code.co_filename.endswith("base_events.py"):
            return False
        outer = outer.f_back
    return True


def threads_busy(ignore: set[int]) -> bool:
    """Is any thread not in `ignore` running code (rather than waiting for work)?

    Covers `asyncio.to_thread`, `run_in_executor`, anyio's pool (FastAPI `def` routes,
    `run_in_threadpool`) and threads started by hand, without knowing which pool they are in.
    """
    for ident, frame in sys._current_frames().items():
        if ident in ignore:
            continue
        if not _thread_is_idle(frame):
            return True
    return False


class _GuardedClock:
    """A loop's `time` that cannot be replaced: `loop.time = f` is noted, not obeyed."""

    def __init__(self, func: Callable[[Any], float]) -> None:
        self.func = func

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        return self.func if obj is None else MethodType(self.func, obj)

    def __set__(self, obj: Any, value: Any) -> None:
        obj._clock_patch_attempted = True


class _VirtualSelector(selectors.DefaultSelector):  # type: ignore[misc,valid-type]
    """Turns "sleep until the next timer" into a jump of the virtual clock."""

    def __init__(self) -> None:
        super().__init__()
        self.loop: VirtualClockLoop | None = None

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        loop = self.loop
        assert loop is not None
        if timeout is not None and timeout <= 0:
            return super().select(0)
        if loop._threads_busy():
            # Threads are doing real work: let real time pass, and count it.
            wait = _MAX_REAL_WAIT if timeout is None else min(timeout, _MAX_REAL_WAIT)
            start = real_monotonic()
            events = super().select(wait)
            loop._advance(real_monotonic() - start)
            return events
        events = super().select(0)
        if events or timeout is None:
            # Nothing scheduled and nothing ready: block for real (I/O or a thread's callback).
            return events or super().select(None)
        loop._advance(timeout)
        return []


class VirtualClockLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock jumps over idle waits. See the module docstring."""

    def __init__(self) -> None:
        selector = _VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        self._virtual_now = 0.0
        # Threads that exist before the test (pytest, xdist, timers) are not the test's work.
        self._ignored_threads = set(sys._current_frames())

    def _virtual_time(self) -> float:
        return self._virtual_now

    time = _GuardedClock(_virtual_time)  # type: ignore[assignment]
    _clock_patch_attempted = False

    def _advance(self, seconds: float) -> None:
        self._virtual_now += max(0.0, seconds)

    def ignore_thread(self, ident: int) -> None:
        """A grader thread (e.g. the heartbeat's watchdog) that never does the test's work."""
        self._ignored_threads.add(ident)

    def _threads_busy(self) -> bool:
        return threads_busy(self._ignored_threads)


class RealClockLoop(asyncio.SelectorEventLoop):
    """A normal event loop, except that its clock cannot be patched by student code."""

    def _real_time(self) -> float:
        return real_monotonic()

    time = _GuardedClock(_real_time)  # type: ignore[assignment]
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


def is_virtual(loop: asyncio.AbstractEventLoop) -> bool:
    return isinstance(loop, VirtualClockLoop)
