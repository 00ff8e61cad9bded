"""What course tests use: clocks, fakes, ASGI clients and assertions worded for students.

A test is an `async def` that receives the module under test as `ex`. The grader runs it on
its own loop (virtual clock by default, `@pytest.mark.realtime` for the real one), with a
heartbeat that fails the test if the loop was blocked, and checks for never-awaited
coroutines and leftover tasks afterwards (see `awaitlings.runner`).

    @pytest.mark.task(1)
    async def test_fetches_run_together(ex):
        api = SlowAPI(delay=0.3)
        with Stopwatch() as sw:
            result = await ex.fetch_all(api, ["a", "b", "c"])
        expect_value(result, ["HTTP API:a", "HTTP API:b", "HTTP API:c"], "fetch_all(...)")
        expect_concurrent(api, calls=3, each=0.3, elapsed=sw.elapsed, what="fetches")

Everything here reads time through `awaitlings.clocks`, never through `time` or `loop.time`
as student code sees them.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from types import ModuleType, TracebackType
from typing import Any

from awaitlings.clocks import now, real_monotonic
from awaitlings.fakes import (
    BlockingClient,
    Call,
    FakeAsyncService,
    ServiceError,
    SlowAPI,
    SlowDatabase,
    SlowFile,
    spin_callable,
)
from awaitlings.verdicts import Verdict, fail, plural, secs

# Exact virtual-time comparisons still allow float rounding.
TOLERANCE = 0.002


class Stopwatch:
    """Measures loop time (virtual or real) across a `with` block, and real time beside it."""

    def __init__(self) -> None:
        self.start = 0.0
        self.elapsed = 0.0
        self.real_elapsed = 0.0
        self._real_start = 0.0

    def __enter__(self) -> Stopwatch:
        self.start = now()
        self._real_start = real_monotonic()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.elapsed = now() - self.start
        self.real_elapsed = real_monotonic() - self._real_start


def close_to(actual: float, expected: float, tolerance: float = TOLERANCE) -> bool:
    return abs(actual - expected) <= tolerance


def require(module: ModuleType, name: str, *, coroutine: bool | None = None) -> Any:
    """The attribute `name` of the student's module, or a verdict saying what is missing."""
    if not hasattr(module, name):
        raise fail(f"`{name}` is missing from {module.__name__.replace('.', '/')}.py. Define it "
                   "with the name the exercise asks for.")
    value = getattr(module, name)
    if coroutine is True and not inspect.iscoroutinefunction(value):
        raise fail(f"`{name}` must be a coroutine function: write `async def {name}(...)`, "
                   f"not `def {name}(...)`.")
    if coroutine is False and inspect.iscoroutinefunction(value):
        raise fail(f"`{name}` must be a plain function (`def`), not `async def`.")
    return value


def expect_not_coroutine(value: Any, what: str) -> None:
    """Fail with the classic explanation if `value` is an un-awaited coroutine object."""
    if inspect.iscoroutine(value) or inspect.isawaitable(value):
        name = getattr(value, "__qualname__", type(value).__name__)
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
) -> None:
    """Assert that `calls` calls of `each` seconds all ran at the same time.

    The verdict is exact in virtual time: all calls in flight together and the whole thing
    taking `each` seconds, not "roughly". The message tells a sequential answer from a
    half-concurrent one from one that never awaited its calls.
    """
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
            "as slow as sync code."
        )
    if not close_to(elapsed, each):
        raise fail(
            f"{calls} {what} of {secs(each)} ran together but took {secs(elapsed)} in all "
            f"(expected {secs(each)}). Something else in your code waited too."
        )


def expect_in_flight_at_most(service: FakeAsyncService, limit: int, what: str = "calls") -> None:
    if service.max_in_flight > limit:
        raise fail(
            f"{service.max_in_flight} {what} were in flight at once; the limit is {limit}. "
            "Bound concurrency with an `asyncio.Semaphore` (or a fixed pool of workers)."
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


def route_endpoint(app: Any, path: str, method: str = "GET") -> Any:
    """The endpoint function registered for `method path`, or a verdict."""
    for route in getattr(app, "routes", []):
        if getattr(route, "path", None) == path and method in (getattr(route, "methods", None) or ()):
            return route.endpoint
    raise fail(
        f"Your app has no `{method} {path}` route. Add one with "
        f"`@app.{method.lower()}(\"{path}\")` above the function that handles it."
    )


def gather_requests(*coros: Awaitable[Any]) -> asyncio.Future[list[Any]]:
    """`asyncio.gather` under a name that reads well in tests firing concurrent requests."""
    return asyncio.gather(*coros)


__all__ = [
    "TOLERANCE",
    "BlockingClient",
    "Call",
    "FakeAsyncService",
    "ServiceError",
    "SlowAPI",
    "SlowDatabase",
    "SlowFile",
    "Stopwatch",
    "Verdict",
    "asgi_client",
    "close_to",
    "expect_app",
    "expect_concurrent",
    "expect_in_flight_at_most",
    "expect_not_coroutine",
    "expect_on_this_loop",
    "expect_value",
    "fail",
    "gather_requests",
    "now",
    "plural",
    "require",
    "route_endpoint",
    "secs",
    "spin_callable",
    "timed",
]
