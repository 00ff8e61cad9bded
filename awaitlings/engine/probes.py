"""What course tests use: clocks, fakes, ASGI clients and assertions worded for students.

A test is an `async def` that receives the module under test as `ex`. The grader runs it on
its own loop (virtual clock by default, `@pytest.mark.realtime` for the real one), with a
heartbeat that fails the test if the loop was blocked, and checks for never-awaited
coroutines and leftover tasks afterwards (see `awaitlings.engine.runner`).

    @pytest.mark.task(1)
    async def test_fetches_run_together(ex):
        api = SlowAPI(delay=0.3)
        with Stopwatch() as sw:
            result = await ex.fetch_all(api, ["a", "b", "c"])
        expect_value(result, ["HTTP API:a", "HTTP API:b", "HTTP API:c"], "fetch_all(...)")
        expect_concurrent(api, calls=3, each=0.3, elapsed=sw.elapsed, what="fetches")

Everything here reads time through `awaitlings.engine.clocks`, never through `time` or `loop.time`
as student code sees them.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import io
import random
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, MutableMapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from types import ModuleType, TracebackType
from typing import Any, TypeVar

import httpx

from awaitlings.engine.clocks import now, real_monotonic, thread_time
from awaitlings.engine.fakes import (
    BlockingClient,
    Call,
    FakeAsyncService,
    ServiceError,
    SlowAPI,
    SlowDatabase,
    SlowFile,
    coroutine_name,
    spin_callable,
)
from awaitlings.engine.runner import waiting_where
from awaitlings.engine.timeline import draw_timeline
from awaitlings.engine.verdicts import Verdict, fail, plural, secs

# Exact virtual-time comparisons still allow float rounding.
T = TypeVar("T")

TOLERANCE = 0.002


class Stopwatch:
    """Measures loop time (virtual or real) across a `with` block, and real time beside it."""

    def __init__(self) -> None:
        self.start = 0.0
        self.elapsed = 0.0
        self.real_elapsed = 0.0
        self.thread_time = 0.0  # of `elapsed`, what the virtual clock spent following threads
        self._real_start = 0.0
        self._thread_start = 0.0

    def __enter__(self) -> Stopwatch:
        self.start = now()
        self._real_start = real_monotonic()
        self._thread_start = thread_time()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.elapsed = now() - self.start
        self.real_elapsed = real_monotonic() - self._real_start
        self.thread_time = thread_time() - self._thread_start


def not_waited_note(client: BlockingClient) -> str:
    """A line to end a "ran on the loop's thread" message with, when the client stopped
    waiting after the first such call (`loop_waits`): the timeline shows those calls short."""
    if not client.not_waited:
        return ""
    return (
        "\n(After the first call on the loop's thread the verdict was clear, so the test's "
        f"client answered the other {client.not_waited} at once.)"
    )


def close_to(actual: float, expected: float, tolerance: float = TOLERANCE, *, threads: float = 0.0) -> bool:
    """`actual` within `tolerance` of `expected`, or later by at most `threads` seconds: loop time
    spent following threads' real work (`Stopwatch.thread_time`), which load stretches."""
    return expected - tolerance <= actual <= expected + threads + tolerance


def require(module: ModuleType, name: str, *, coroutine: bool | None = None) -> Any:
    """The attribute `name` of the student's module, or a verdict saying what is missing."""
    if not hasattr(module, name):
        raise fail(
            f"`{name}` is missing from {module.__name__.replace('.', '/')}.py. Define it "
            "with the name the exercise asks for."
        )
    value = getattr(module, name)
    if coroutine is True and not inspect.iscoroutinefunction(value):
        raise fail(f"`{name}` must be a coroutine function: write `async def {name}(...)`, not `def {name}(...)`.")
    if coroutine is False and inspect.iscoroutinefunction(value):
        raise fail(f"`{name}` must be a plain function (`def`), not `async def`.")
    return value


def expect_not_coroutine(value: Any, what: str) -> None:
    """Fail with the classic explanation if `value` is an un-awaited coroutine object."""
    if inspect.iscoroutine(value) or inspect.isawaitable(value):
        name = coroutine_name(value)
        if inspect.iscoroutine(value):
            value.close()  # we explain it here; no second "never awaited" warning
        raise fail(
            f"{what} gave back a coroutine object ({name}) instead of its result. Calling an "
            "`async def` function does not run it: it returns a coroutine, which runs only when "
            "awaited. Put `await` in front of the call."
        )


def expect_value(actual: Any, expected: Any, what: str) -> None:
    """`actual == expected`, worded for a student (and aware of forgotten awaits)."""
    expect_not_coroutine(actual, what)
    if actual != expected:
        raise fail(f"{what} returned {actual!r}; expected {expected!r}.")


async def timed(awaitable: Awaitable[Any]) -> tuple[Any, float]:
    """Await `awaitable`; return its result and the loop time it took."""
    start = now()
    result = await awaitable
    return result, now() - start


def expect_concurrent(
    service: FakeAsyncService,
    *,
    calls: int,
    each: float,
    elapsed: float,
    what: str = "calls",
    since: float | None = None,
) -> None:
    """Assert that `calls` calls of `each` seconds all ran at the same time.

    The verdict is exact in virtual time: all calls in flight together and the whole thing
    taking `each` seconds, not "roughly". The message tells a sequential answer from a
    half-concurrent one from one that never awaited its calls, and draws the calls on a
    timeline (from `since`, a `Stopwatch`'s `start`, when given).
    """

    def picture() -> str:
        return draw_timeline(service.calls, since=since, until=None if since is None else since + elapsed)

    made = len(service.calls)
    done = service.completed
    if made < calls:
        raise fail(
            f"Expected {plural(calls, what[:-1] if what.endswith('s') else what, what)} on the "
            f"{service.name}; your code made {made}. Call it once for every item."
        )
    if done < made:
        raise fail(
            f"Only {done} of {made} {what} had finished when your code returned. The rest were "
            "started but never awaited. Wait for all of them (e.g. `await asyncio.gather(...)`)."
            f"\n\n{picture()}"
        )
    if made > calls:
        raise fail(f"Expected {calls} {what}; your code made {made}. Call once per item.")
    if service.max_in_flight < calls:
        if service.max_in_flight <= 1:
            how = "they ran one after another"
        else:
            how = f"at most {service.max_in_flight} were running at the same time"
        raise fail(
            f"{calls} {what} of {secs(each)} took {secs(elapsed)}: {how}. Start them all first, "
            "then wait for them together: `await asyncio.gather(...)` or an "
            "`asyncio.TaskGroup`. Awaiting each call before starting the next makes async code "
            f"as slow as sync code.\n\n{picture()}"
        )
    if not close_to(elapsed, each):
        raise fail(
            f"{calls} {what} of {secs(each)} ran together but took {secs(elapsed)} in all "
            f"(expected {secs(each)}). Something else in your code waited too.\n\n{picture()}"
        )


def expect_in_flight_at_most(service: FakeAsyncService, limit: int, what: str = "calls") -> None:
    if service.max_in_flight > limit:
        raise fail(
            f"{service.max_in_flight} {what} were in flight at once; the limit is {limit}. "
            "Bound concurrency with an `asyncio.Semaphore` (or a fixed pool of workers)."
            f"\n\n{draw_timeline(service.calls)}"
        )


@asynccontextmanager
async def asgi_client(app: Any, base_url: str = "http://testserver") -> AsyncIterator[Any]:
    """An httpx AsyncClient talking to `app` through real ASGI, in this loop."""
    import httpx

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
        yield client


def expect_on_this_loop(service: FakeAsyncService, fn: str) -> None:
    """Every call to `service` was awaited on the test's own (running) event loop, not on a
    second one (`asyncio.run` in a worker thread), where the virtual clock cannot see it."""
    here = id(asyncio.get_running_loop())
    if any(call.loop_id != here for call in service.calls):
        raise fail(
            f"{fn} called the {service.name} from a second event loop (asyncio.run in another "
            "thread?). Await it directly on the running loop."
        )


def expect_app(module: ModuleType, name: str = "app") -> Any:
    """The module's FastAPI app, or a verdict that says what is wrong with it."""
    app = require(module, name)
    if not callable(app):
        raise fail(f"`{name}` should be a FastAPI application (`{name} = FastAPI()`).")
    return app


def runs_on_loop(call: Any) -> bool:
    """FastAPI's own rule for "is this handler or dependency async": a coroutine function, seen
    through `functools.partial` and `functools.wraps` decorators, or an object whose `__call__`
    is one. FastAPI awaits those on the event loop and runs anything else in a worker thread.
    (`selftest/test_engine.py` serves every shape through FastAPI and checks that this agrees.)"""
    if inspect.isclass(call):
        return False  # a class is called to build an instance: plain code, in a thread
    for candidate in (call, getattr(call, "__call__", None)):  # noqa: B004
        while isinstance(candidate, functools.partial):
            candidate = candidate.func
        if candidate is not None and (
            inspect.iscoroutinefunction(candidate) or inspect.iscoroutinefunction(inspect.unwrap(candidate))
        ):
            return True
    return False


# A method no route declares: routing still resolves the path (a "partial" match names the
# route and answers 405) without running the handler, so finding a route has no side effects.
_PROBE_METHOD = "AWAITLINGS-ROUTE-PROBE"


async def route_endpoint(app: Any, path: str, method: str = "GET") -> Any:
    """The function the app serves `method path` with (a concrete path: `/orders/7`), found the
    way the app itself finds it: by routing a request through it. Routes on an included
    `APIRouter` (with or without a prefix), on a mounted sub-application or added with
    `add_api_route` count like `@app.get` ones. Raises a verdict when nothing serves it."""
    import httpx

    found: dict[str, Any] = {}

    async def recorder(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        try:
            await app(scope, receive, send)
        finally:
            if scope.get("type") == "http":  # routing writes `endpoint` and `route` into the scope
                found.update(endpoint=scope.get("endpoint"), route=scope.get("route"))

    transport = httpx.ASGITransport(app=recorder, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        for probe in (_PROBE_METHOD, method):
            found.clear()
            await client.request(probe, path)
            endpoint, methods = found.get("endpoint"), getattr(found.get("route"), "methods", None)
            if endpoint is not None and (not methods or method in methods):
                return endpoint
            if endpoint is None:
                break
            # Another method's route on the same path matched first: route the real method.
    raise fail(
        f"Your app serves no `{method} {path}`. Add a route for it, e.g. "
        f"`@app.{method.lower()}(...)` (or on an `APIRouter` you include) above the function "
        "that handles it."
    )


async def expect_async_handler(app: Any, path: str, why: str, method: str = "GET") -> None:
    """The handler of `method path` runs on the event loop (`async def`), by FastAPI's rule."""
    endpoint = await route_endpoint(app, path, method)
    if not runs_on_loop(endpoint):
        name = getattr(endpoint, "__name__", type(endpoint).__name__)
        raise fail(
            f"The {path} handler `{name}` is a plain `def`. FastAPI runs plain `def` handlers in a thread pool. {why}"
        )


@dataclass(frozen=True)
class Line:
    text: str
    at: float  # loop time (virtual or real) when the line was finished
    real_at: float  # real time then


class StampedOutput(io.TextIOBase):
    """Stands in for `sys.stdout` during a call (`with stamped_output() as out:`): every line
    written, with `print` or `sys.stdout.write`, is kept with the loop time it was written at."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[Line] = []
        self._partial = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._partial += str(text)
        *done, self._partial = self._partial.split("\n")
        self.lines.extend(Line(line, now(), real_monotonic()) for line in done)
        return len(text)

    def finish(self) -> None:
        if self._partial:
            self.lines.append(Line(self._partial, now(), real_monotonic()))
            self._partial = ""

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]


@contextmanager
def stamped_output() -> Iterator[StampedOutput]:
    out = StampedOutput()
    saved = sys.stdout
    sys.stdout = out
    try:
        yield out
    finally:
        sys.stdout = saved
        out.finish()


class Patience:
    """`async with Patience(30) as p:` is `asyncio.timeout(30)` that also notes, just before
    time runs out, where the student's code was waiting (`p.where`), for the message."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.where: list[str] = []
        self._timeout = asyncio.timeout(seconds)
        self._snapshot: asyncio.TimerHandle | None = None

    def waiting_at(self) -> str:
        return f" It was waiting at {', '.join(dict.fromkeys(self.where))}." if self.where else ""

    async def __aenter__(self) -> Patience:
        loop = asyncio.get_running_loop()
        self._snapshot = loop.call_later(self.seconds * 0.999, lambda: self.where.extend(waiting_where()))
        await self._timeout.__aenter__()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool | None:
        if self._snapshot is not None:
            self._snapshot.cancel()
        await self._timeout.__aexit__(exc_type, exc, tb)
        return None


def gather_requests(*coros: Awaitable[Any]) -> asyncio.Future[list[Any]]:
    """`asyncio.gather` under a name that reads well in tests firing concurrent requests."""
    return asyncio.gather(*coros)


# ---------------------------------------------------------------- test data and transports


class CountingTransport(httpx.ASGITransport):
    """Real ASGI to `app` (as `httpx.ASGITransport`), counting the requests that went through:
    tells one shared client from a client made per request."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app=app, **kwargs)
        self.requests = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return await super().handle_async_request(request)


def unsorted(make: Callable[[], list[T]]) -> list[T]:
    """`make()` until its items are in neither ascending nor descending order, so an answer that
    sorts its results is not, by luck, in the order asked for."""
    while True:
        items = make()
        if len(items) < 3 or items not in (sorted(items), sorted(items, reverse=True)):  # type: ignore[type-var]
            return items


def reorderings(items: list[T]) -> list[list[T]]:
    """`items` as given, reversed, and shuffled (neither as given nor reversed nor sorted): the
    results must follow each order, whatever order the work finishes in."""
    rng = random.Random()
    shuffled = list(items)
    if len(items) >= 3:
        while shuffled in (items, items[::-1], sorted(items), sorted(items, reverse=True)):  # type: ignore[type-var]
            rng.shuffle(shuffled)
    return [list(items), items[::-1], shuffled]


__all__ = [
    "TOLERANCE",
    "BlockingClient",
    "Call",
    "CountingTransport",
    "FakeAsyncService",
    "Line",
    "Patience",
    "ServiceError",
    "SlowAPI",
    "SlowDatabase",
    "SlowFile",
    "StampedOutput",
    "Stopwatch",
    "Verdict",
    "asgi_client",
    "close_to",
    "draw_timeline",
    "expect_app",
    "expect_async_handler",
    "expect_concurrent",
    "expect_in_flight_at_most",
    "expect_not_coroutine",
    "expect_on_this_loop",
    "expect_value",
    "fail",
    "gather_requests",
    "not_waited_note",
    "now",
    "plural",
    "reorderings",
    "require",
    "route_endpoint",
    "runs_on_loop",
    "secs",
    "spin_callable",
    "stamped_output",
    "timed",
    "unsorted",
]
