"""A loop-lag heartbeat: catches code that blocks the event loop, and says where.

A callback on the loop ticks every few milliseconds. Each tick measures, on the real clock,
how late it ran compared with when it was scheduled: a loop blocked by `time.sleep`, a
blocking library or a CPU loop runs it late by the blocked time, whatever the import style
(`from time import sleep` included) and whatever the loop's clock says.

A watchdog thread samples the loop thread's stack while a tick is overdue, so the verdict can
name the student's file and line that held the loop.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from awaitlings.engine.clocks import real_monotonic

TICK = 0.005  # seconds between ticks (loop time)
_WATCH_EVERY = 0.02  # real seconds between watchdog samples


@dataclass
class Stall:
    """One time the loop was blocked for longer than the limit."""

    seconds: float
    where: str | None  # "exercises/ex02_await_dont_block.py:14 in pause" or None
    blamed: bool = True  # the student's code was on the loop thread's stack, and not importing


@dataclass
class Heartbeat:
    """Start with `start(loop)` from inside the loop; read `stalls` and `max_lag` afterwards."""

    limit: float = 0.1
    watch_paths: tuple[str, ...] = ()  # file paths whose frames count as "the student's code"
    max_lag: float = 0.0
    stalls: list[Stall] = field(default_factory=list)
    ticks: int = 0
    _handle: asyncio.TimerHandle | None = None
    _scheduled_at: float = 0.0
    _loop_thread: int | None = None
    _suspect: str | None = None
    _in_student_code: bool = False
    _importing: bool = False
    _idle: bool = False
    _running: bool = False
    _watchdog: threading.Thread | None = None
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop_thread = threading.get_ident()
        self._running = True
        self._schedule(loop)
        self._watchdog = threading.Thread(target=self._watch, name="awaitlings-watchdog", daemon=True)
        self._watchdog.start()
        ignore = getattr(loop, "ignore_thread", None)
        if ignore is not None and self._watchdog.ident is not None:
            ignore(self._watchdog.ident)  # the watchdog is not the test's work

    def stop(self) -> None:
        """Stop ticking. A tick still pending and overdue counts too: code that never
        yields to the loop (a blocking call with no `await` after it) never lets it run."""
        self._running = False
        if self._handle is not None and not self._handle.cancelled():
            self._handle.cancel()
            lag = max(0.0, real_monotonic() - self._scheduled_at - TICK)
            self.max_lag = max(self.max_lag, lag)
            if lag >= self.limit:
                self.stalls.append(self._stall(lag))
        self._stop.set()
        if self._watchdog is not None:
            self._watchdog.join(timeout=1)

    def _schedule(self, loop: asyncio.AbstractEventLoop) -> None:
        self._scheduled_at = real_monotonic()
        self._handle = loop.call_later(TICK, self._tick, loop)

    def _tick(self, loop: asyncio.AbstractEventLoop) -> None:
        # Lag is measured from when this tick was scheduled, minus the tick itself, on the
        # real clock. (On a virtual loop the tick may fire before TICK real seconds: lag 0.)
        lag = max(0.0, real_monotonic() - self._scheduled_at - TICK)
        self.ticks += 1
        self.max_lag = max(self.max_lag, lag)
        if lag >= self.limit:
            self.stalls.append(self._stall(lag))
        self._suspect, self._in_student_code, self._importing, self._idle = None, False, False, False
        if self._running:
            self._schedule(loop)

    def _stall(self, lag: float) -> Stall:
        # A stall is the student's unless a stack sample showed an innocent cause and none
        # showed their code: a lazy import in a library, or the loop idle in select() while the
        # OS paused the process. A sample of other code proves nothing: a starved watchdog may
        # look only after the student's blocking call has returned.
        exonerated = (self._importing or self._idle) and not self._in_student_code
        blamed = not self.watch_paths or not exonerated
        return Stall(seconds=lag, where=self._suspect, blamed=blamed)

    def _watch(self) -> None:
        # Waiting on the event (not sleeping) lets `stop()` end the watchdog at once: a sleep
        # made every test wait for the rest of its 20 ms.
        while not self._stop.wait(_WATCH_EVERY):
            overdue = real_monotonic() - self._scheduled_at - TICK
            if overdue < self.limit / 2:
                continue
            frame = sys._current_frames().get(self._loop_thread or 0)
            if frame is None:
                continue
            if _is_importing(frame):
                self._importing = True
            if _is_idle_in_select(frame):
                self._idle = True
            if _is_starting_a_thread(frame):
                # `to_thread`/`run_in_executor` waiting for a new pool thread to be scheduled
                # (a loaded machine): the student's call is on the stack, but it is not blocking.
                self._idle = True
                continue
            where = describe_frame(frame, self.watch_paths)
            if where is not None and self._suspect is None:
                self._suspect = where
            if self.watch_paths and _on_stack(frame, self.watch_paths):
                self._in_student_code = True

    @property
    def worst(self) -> Stall | None:
        """The longest stall the student's code caused."""
        return max((s for s in self.stalls if s.blamed), key=lambda s: s.seconds, default=None)


def _on_stack(frame: FrameType | None, paths: tuple[str, ...]) -> bool:
    while frame is not None:
        if frame.f_code.co_filename in paths:
            return True
        frame = frame.f_back
    return False


def _is_idle_in_select(frame: FrameType) -> bool:
    """The loop thread waits in its selector: the event loop itself is idle."""
    return frame.f_code.co_name == "select" and frame.f_code.co_filename.endswith("selectors.py")


def _is_starting_a_thread(frame: FrameType | None) -> bool:
    """The loop thread waits inside `threading.Thread.start` for the new thread to run."""
    depth = 0
    while frame is not None and depth < 6:
        if frame.f_code.co_name == "start" and frame.f_code.co_filename.endswith("threading.py"):
            return True
        frame = frame.f_back
        depth += 1
    return False


def _is_importing(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def describe_frame(frame: FrameType | None, watch_paths: tuple[str, ...]) -> str | None:
    """The innermost frame in one of `watch_paths`, as `file:line in function`; None when the
    student's code is not on the stack (a library or the grader is never blamed)."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if any(filename == p for p in watch_paths):
            return f"{_short(filename)}:{frame.f_lineno} in {frame.f_code.co_name}"
        frame = frame.f_back
    return None


def _short(filename: str) -> str:
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return path.name
