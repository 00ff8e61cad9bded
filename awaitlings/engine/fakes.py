"""Grader-owned fake services that record everything done to them.

Exercises receive these instead of real databases and APIs. Every call is recorded: when it
started and ended (loop time, virtual or real), how many calls were in flight at once, whether
it completed or was cancelled, and which thread made it. Tests then assert on behaviour
("3 calls were in flight at once") rather than on wall-clock guesses.

Once built, a fake is sealed: code under test cannot rewrite its settings or records
(`api.delays`, `api.max_in_flight`, a call's `start`); such a write is ignored and reported
(`TAMPERED`, checked by `guards` after every test).

Delays are implemented with `loop.call_later` and a future, never with `asyncio.sleep`, so
student code that patches `asyncio.sleep` cannot make a fake look fast.

    api = SlowAPI(delay=0.3, data={"a": 1, "b": 2})
    await api.get("a")               # 1, after 0.3 s of loop time
    api.max_in_flight, api.completed  # 1, 1
    [c.key for c in api.calls]       # ["a"]
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from awaitlings.engine.clocks import loop_clock, real_monotonic, real_sleep


class ServiceError(Exception):
    """Raised by a fake service for keys it was told to fail."""


# Writes that student code attempted on a sealed fake ("HTTP API.max_in_flight"), read and
# cleared by `guards.check_and_restore` after each test. The write itself is ignored.
TAMPERED: list[str] = []


class _SealAfterInit(type):
    """Fakes are sealed once built: only their own methods change them (`_set`)."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        obj = super().__call__(*args, **kwargs)
        object.__setattr__(obj, "_sealed", True)
        return obj


class _Sealed(metaclass=_SealAfterInit):
    _sealed = False
    # What the grader reads: settings and records. (A test's own subclass may keep counters
    # of its own; those stay writable.)
    _PROTECTED: frozenset[str] = frozenset()

    def __setattr__(self, name: str, value: Any) -> None:
        if self._sealed and name in self._PROTECTED:
            TAMPERED.append(f"{getattr(self, 'name', type(self).__name__)}.{name}")
            return
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if self._sealed and name in self._PROTECTED:
            TAMPERED.append(f"{getattr(self, 'name', type(self).__name__)}.{name}")
            return
        object.__delattr__(self, name)

    def _set(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)


@dataclass
class Call(_Sealed):
    key: Any
    start: float
    end: float | None = None
    outcome: str = "running"  # running | done | failed | cancelled | not waited
    thread: str = ""
    on_loop_thread: bool = True  # BlockingClient: called from the event loop's thread?
    loop_id: int | None = None  # async fakes: id() of the event loop that awaited the call
    _PROTECTED = frozenset({"key", "start", "end", "outcome", "thread", "on_loop_thread", "loop_id"})

    @property
    def duration(self) -> float | None:
        return None if self.end is None else self.end - self.start


@dataclass
class Recorder(_Sealed):
    """What every fake records: its calls, how many were in flight, and on which thread."""

    name: str
    _calls: list[Call] = field(default_factory=list, repr=False)
    in_flight: int = 0
    max_in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _PROTECTED = frozenset(
        {
            "name",
            "_calls",
            "in_flight",
            "max_in_flight",
            "_lock",
            "delay",
            "delays",
            "data",
            "fail_keys",
            "limit",
            "_saved",
            "loop_thread",
            "loop_waits",
            "stop_turns",
        }
    )

    @property
    def calls(self) -> tuple[Call, ...]:
        return tuple(self._calls)

    def begin(self, key: Any, start: float, on_loop_thread: bool, loop_id: int | None = None) -> Call:
        with self._lock:
            call = Call(
                key=key,
                start=start,
                thread=threading.current_thread().name,
                on_loop_thread=on_loop_thread,
                loop_id=loop_id,
            )
            self._calls.append(call)
            self._set("in_flight", self.in_flight + 1)
            self._set("max_in_flight", max(self.max_in_flight, self.in_flight))
            return call

    def finish(self, call: Call, end: float, outcome: str) -> None:
        with self._lock:
            call._set("end", end)
            call._set("outcome", outcome)
            self._set("in_flight", self.in_flight - 1)

    @property
    def completed(self) -> int:
        return sum(1 for c in self.calls if c.outcome == "done")

    @property
    def cancelled(self) -> int:
        return sum(1 for c in self.calls if c.outcome == "cancelled")

    @property
    def loops(self) -> set[int | None]:
        """The event loops that awaited calls (one, normally: the app's or the test's)."""
        return {c.loop_id for c in self.calls}

    @property
    def keys(self) -> list[Any]:
        return [c.key for c in self.calls]

    def completion_order(self) -> list[Any]:
        done = [c for c in self.calls if c.end is not None and c.outcome == "done"]
        return [c.key for c in sorted(done, key=lambda c: c.end or 0.0)]


class FakeAsyncService(Recorder):
    """A slow async service. Subclasses give it a domain-flavoured method name."""

    def __init__(
        self,
        name: str = "service",
        *,
        delay: float = 0.3,
        delays: Mapping[Hashable, float] | None = None,
        data: Mapping[Hashable, Any] | None = None,
        fail: set[Hashable] | None = None,
        limit: int | None = None,
        stop_turns: int = 0,
    ) -> None:
        super().__init__(name=name)
        self.stop_turns = stop_turns  # loop turns a cancelled call takes to stop
        self.delay = delay
        # Read-only views: the fake's settings are the grader's, not the code under test's.
        self.delays: Mapping[Hashable, float] = MappingProxyType(dict(delays or {}))
        self.data: Mapping[Hashable, Any] = MappingProxyType(dict(data or {}))
        self.fail_keys = frozenset(fail or ())
        self.limit = limit  # more calls in flight than this: the service refuses (429)

    def delay_for(self, key: Any) -> float:
        return self.delays.get(key, self.delay)

    def result_for(self, key: Any) -> Any:
        if key in self.data:
            return self.data[key]
        return f"{self.name}:{key}"

    async def call(self, key: Any) -> Any:
        loop = asyncio.get_running_loop()
        clock = loop_clock(loop)
        record = self.begin(key, clock(), on_loop_thread=True, loop_id=id(loop))
        if self.limit is not None and self.in_flight > self.limit:
            in_flight = self.in_flight
            self.finish(record, clock(), "failed")
            raise ServiceError(f"{self.name}: too many requests ({in_flight} in flight, limit {self.limit})")
        waiter: asyncio.Future[None] = loop.create_future()
        handle = loop.call_later(self.delay_for(key), _set_done, waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            handle.cancel()
            try:
                # Like a real client aborting a request, stopping may take a few loop turns
                # (no loop time): then code that cancels a call must await it to know it has
                # stopped (`stop_turns`, 0 by default).
                for _ in range(self.stop_turns):
                    await _one_turn(loop)
            finally:
                self.finish(record, clock(), "cancelled")
            raise
        if key in self.fail_keys:
            self.finish(record, clock(), "failed")
            raise ServiceError(f"{self.name} failed for {key!r}")
        self.finish(record, clock(), "done")
        return self.result_for(key)


def _set_done(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


async def _one_turn(loop: asyncio.AbstractEventLoop) -> None:
    turn: asyncio.Future[None] = loop.create_future()
    loop.call_soon(_set_done, turn)
    await turn


class SlowAPI(FakeAsyncService):
    """A slow HTTP API: `await api.get(path)`."""

    def __init__(self, name: str = "HTTP API", **kwargs: Any) -> None:
        super().__init__(name, **kwargs)

    async def get(self, path: Any) -> Any:
        return await self.call(path)


class SlowDatabase(FakeAsyncService):
    """A slow database: `await db.fetch(key)`, `await db.save(key, value)`."""

    def __init__(self, name: str = "database", **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self._saved: dict[Any, Any] = {}

    @property
    def saved(self) -> Mapping[Any, Any]:
        """What was saved: only `await db.save(...)` writes here."""
        return MappingProxyType(self._saved)

    async def fetch(self, key: Any) -> Any:
        return await self.call(key)

    async def save(self, key: Any, value: Any) -> None:
        await self.call(key)
        self._saved[key] = value


class SlowFile(FakeAsyncService):
    """A slow file: `await f.read(name)`."""

    def __init__(self, name: str = "file", **kwargs: Any) -> None:
        super().__init__(name, **kwargs)

    async def read(self, path: Any) -> Any:
        return await self.call(path)


NOT_WAITED = "not waited"  # a BlockingClient call on the loop's thread once the verdict was clear


class BlockingClient(Recorder):
    """A blocking (synchronous) client, like `requests` or a legacy SDK.

    It really sleeps (`time.sleep`, the grader's own reference), and records which thread
    called it, so tests can tell whether the student moved it off the event loop.

    `loop_waits`: how many calls made on the loop's thread really wait. Once one has, the
    verdict ("it ran on the loop") is certain; later ones answer at once, outcome "not waited",
    so a stub's eight blocking calls cost one wait, not eight. None: every call waits.
    """

    def __init__(
        self,
        name: str = "legacy client",
        *,
        delay: float = 0.2,
        data: Mapping[Hashable, Any] | None = None,
        loop_thread: int | None = None,
        loop_waits: int | None = None,
    ) -> None:
        super().__init__(name=name)
        self.delay = delay
        self.data: Mapping[Hashable, Any] = MappingProxyType(dict(data or {}))
        self.loop_thread = loop_thread if loop_thread is not None else threading.get_ident()
        self.loop_waits = loop_waits

    def get(self, key: Any) -> Any:
        return self._blocking_get(key, self.delay)

    def _blocking_get(self, key: Any, delay: float) -> Any:
        on_loop = threading.get_ident() == self.loop_thread
        waits = not on_loop or self.loop_waits is None or self.calls_on_loop_thread < self.loop_waits
        record = self.begin(key, real_monotonic(), on_loop_thread=on_loop)
        if waits:
            real_sleep(delay)
        self.finish(record, real_monotonic(), "done" if waits else NOT_WAITED)
        return self.data.get(key, f"{self.name}:{key}")

    @property
    def not_waited(self) -> int:
        """Calls on the loop's thread that answered at once (see `loop_waits`)."""
        return sum(1 for c in self.calls if c.outcome == NOT_WAITED)

    @property
    def calls_on_loop_thread(self) -> int:
        return sum(1 for c in self.calls if c.on_loop_thread)


def spin_callable(seconds: float) -> Callable[[], int]:
    """CPU-bound work that holds the GIL for about `seconds` (for CPU exercises)."""

    def spin() -> int:
        end = real_monotonic() + seconds
        n = 0
        while real_monotonic() < end:
            n += 1
        return n

    return spin


def coroutine_name(coro: Any, qualname: str | None = None) -> str:
    """A coroutine's call in the student's words: `fetch()`, or `the HTTP API's get()` for a
    method of a grader's fake (whose class name the student never wrote)."""
    name = (qualname or getattr(coro, "__qualname__", None) or type(coro).__name__).rsplit("<locals>.", 1)[-1]
    frame = getattr(coro, "cr_frame", None)
    owner = frame.f_locals.get("self") if frame is not None else None
    method = name.rsplit(".", 1)[-1]
    if isinstance(owner, Recorder):
        return f"the {owner.name}'s {method}()"
    if frame is not None and _GRADER_DIRS.intersection(Path(frame.f_code.co_filename).resolve().parents):
        return f"{method}()"  # a method of a test's own stand-in (`pool.acquire()`: `acquire()`)
    return f"{name}()"


# Where the grader's own classes live: their names are not the student's.
_PACKAGE = Path(__file__).resolve().parent.parent  # awaitlings/
_GRADER_DIRS = frozenset({_PACKAGE, _PACKAGE.parent / "tests"})
