"""Exercise 22 · Capstone: a status aggregator, graded end to end.

The upstreams are faked in-process: a tiny ASGI app whose `GET /<name>/health` awaits a
grader fake (`FakeAsyncService`, per-upstream delays, failures, calls in flight) and then
answers 200, answers 503, or refuses (raises `httpx.ConnectError`). The student's shared client
reaches it through `UPSTREAM_TRANSPORT`, an `httpx.ASGITransport` subclass that also records
when a client closes it; `httpx.AsyncClient.__init__` is wrapped to count the clients built on
it. Upstream names are random, so a hard-coded answer cannot pass.

- Through ASGI (`serve_app`, lifespan included) on the virtual clock: exact durations and
  exact counts of calls in flight.
- Against a real uvicorn server on 127.0.0.1 (`uvicorn_server`, `realtime`): the same service
  over real HTTP; afterwards, no server thread and no bound port may be left (checked in a
  fixture's teardown, so it also holds when the test failed).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from awaitlings.clocks import real_monotonic
from awaitlings.probes import FakeAsyncService, ServiceError, Stopwatch, close_to, fail, secs
from awaitlings.servers import port_is_free, serve_app, uvicorn_server


class UpstreamTransport(httpx.ASGITransport):
    """The fake upstreams' transport; counts the clients that close it."""

    def __init__(self, app: Any) -> None:
        super().__init__(app=app)
        self.closed = 0

    async def aclose(self) -> None:
        self.closed += 1
        await super().aclose()


class Upstreams:
    """Fake upstream services: `ok` (200), `broken` (503) or `refused` (ConnectError)."""

    def __init__(self, delays: dict[str, float], broken: set[str] = frozenset(),
                 refused: set[str] = frozenset()) -> None:
        self.names = list(delays)
        self.broken = set(broken)
        self.refused = set(refused)
        self.service = FakeAsyncService("upstreams", delays=delays, fail=self.broken)
        self.paths: list[str] = []
        self.transport = UpstreamTransport(self.app)

    async def app(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        path = scope["path"]
        self.paths.append(path)
        parts = path.strip("/").split("/")
        if len(parts) != 2 or parts[1] != "health" or parts[0] not in self.names:
            await _respond(send, 404, b'{"detail": "no such upstream"}')
            return
        name = parts[0]
        try:
            await self.service.call(name)
        except ServiceError:
            await _respond(send, 503, b'{"healthy": false}')
            return
        if name in self.refused:
            raise httpx.ConnectError(f"connection to {name} refused")
        await _respond(send, 200, b'{"healthy": true}')

    def expected(self, timed_out: set[str] = frozenset()) -> dict[str, str]:
        return {
            name: "timeout" if name in timed_out
            else "down" if name in self.broken or name in self.refused
            else "ok"
            for name in self.names
        }


async def _respond(send: Any, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def _names(n: int) -> list[str]:
    words = ["auth", "billing", "search", "email", "maps", "chat", "media", "stock", "pay"]
    tag = uuid.uuid4().hex[:4]
    return [f"{words[i % len(words)]}-{tag}{i}" for i in range(n)]


@pytest.fixture
def clients_built(monkeypatch) -> list[Any]:
    """The `transport=` of every httpx.AsyncClient built during the test."""
    built: list[Any] = []
    original = httpx.AsyncClient.__init__

    def counting_init(self: httpx.AsyncClient, *args: Any, **kwargs: Any) -> None:
        built.append(kwargs.get("transport"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(httpx.AsyncClient, "__init__", counting_init)
    return built


def configure(ex: Any, monkeypatch: pytest.MonkeyPatch, upstreams: Upstreams, *,
              limit: int, timeout: float) -> None:
    monkeypatch.setattr(ex, "UPSTREAMS", list(upstreams.names), raising=False)
    monkeypatch.setattr(ex, "UPSTREAM_TRANSPORT", upstreams.transport, raising=False)
    monkeypatch.setattr(ex, "MAX_CONCURRENT", limit, raising=False)
    monkeypatch.setattr(ex, "TIMEOUT", timeout, raising=False)


@asynccontextmanager
async def running(ex: Any) -> AsyncIterator[httpx.AsyncClient]:
    if not hasattr(ex, "app"):
        raise fail("`app` is missing from the exercise: keep `app = FastAPI(lifespan=lifespan)`.")
    async with serve_app(ex.app) as client:
        yield client


async def get_status(client: httpx.AsyncClient, upstreams: Upstreams) -> dict[str, Any]:
    try:
        response = await client.get("/status")
    except Exception as exc:  # the app's crash, explained to the student
        if isinstance(exc, httpx.HTTPError):
            advice = (
                "One failing upstream must never fail the whole answer: catch "
                '`httpx.HTTPError` around each upstream call and report that upstream as "down".'
            )
        elif "different event loop" in str(exc):
            advice = (
                "An asyncio object made at import time (a Semaphore, a Lock, a client) belongs "
                "to the first event loop that used it, and it reads MAX_CONCURRENT before the "
                "tests set it. Create it while handling the request (or in the lifespan)."
            )
        else:
            advice = "Read the error and the traceback above; every request must get an answer."
        raise fail(f"GET /status crashed your app with {type(exc).__name__}: {exc}. {advice}") from None
    return _status_body(response, upstreams)


def _status_body(response: httpx.Response, upstreams: Upstreams) -> dict[str, Any]:
    if response.status_code != 200:
        raise fail(f"GET /status answered {response.status_code}; expected 200. "
                   f"Body: {response.text[:300]}")
    body = response.json()
    if upstreams.paths and not upstreams.service.calls:
        raise fail(
            f"Your app asked the upstreams for {sorted(set(upstreams.paths))[:3]}, but the "
            f"upstreams in this test are {upstreams.names}. Check the names in UPSTREAMS, read "
            "when the request comes (the tests change it), as `GET /<name>/health`."
        )
    if not upstreams.service.calls:
        raise fail(
            f"GET /status answered {body!r} without calling a single upstream. Check every "
            "name in UPSTREAMS with `await client.get(f\"/{name}/health\")`, using the client "
            "the lifespan built with `transport=UPSTREAM_TRANSPORT`."
        )
    wrong_paths = [p for p in upstreams.paths if not p.endswith("/health")]
    if wrong_paths:
        raise fail(f"Your app asked the upstreams for {wrong_paths[0]!r}; each upstream's health "
                   "check is `GET /<name>/health`.")
    return body


def expect_report(body: Any, expected: dict[str, str]) -> None:
    if body == expected:
        return
    if not isinstance(body, dict) or set(body) != set(expected):
        raise fail(f"GET /status returned {body!r}; expected one entry per name in UPSTREAMS: "
                   f"{expected!r}.")
    name = next(n for n in expected if body[n] != expected[n])
    raise fail(f"GET /status reported {name!r} as {body[name]!r}; expected {expected[name]!r}. "
               f"Whole answer: {body!r}; expected {expected!r}.")


# ---------------------------------------------------------------- task 1


@pytest.mark.task(1)
async def test_status_reports_every_upstream(ex, monkeypatch, clients_built):
    names = _names(5)
    upstreams = Upstreams({n: 0.1 for n in names}, broken={names[1]}, refused={names[3]})
    configure(ex, monkeypatch, upstreams, limit=5, timeout=1.0)
    async with running(ex) as client:
        body = await get_status(client, upstreams)
    expect_report(body, upstreams.expected())


@pytest.fixture
def servers_left_behind() -> Iterator[list[int]]:
    """Ports of the uvicorn servers a test started; afterwards, none may be left running,
    also when the test failed."""
    ports: list[int] = []
    yield ports
    for port in ports:
        alive = [t.name for t in threading.enumerate() if t.name == f"uvicorn-127.0.0.1:{port}"]
        if alive or not port_is_free(port):
            pytest.fail(f"the uvicorn server on port {port} was not shut down "
                        f"(thread alive: {bool(alive)}, port free: {port_is_free(port)})")


@pytest.mark.realtime
@pytest.mark.heartbeat(None)  # the app runs on uvicorn's own loop, not on the test's
@pytest.mark.task(1)
async def test_status_behind_a_real_uvicorn_server(ex, monkeypatch, servers_left_behind,
                                                   wallclock_factor):
    names = _names(4)
    timeout = 0.5
    slow = 4.0
    upstreams = Upstreams({names[0]: 0.1, names[1]: slow, names[2]: 0.1, names[3]: 0.05},
                          broken={names[2]}, refused={names[3]})
    configure(ex, monkeypatch, upstreams, limit=4, timeout=timeout)
    if not hasattr(ex, "app"):
        raise fail("`app` is missing from the exercise: keep `app = FastAPI(lifespan=lifespan)`.")
    async with uvicorn_server(ex.app) as base_url:
        servers_left_behind.append(int(base_url.rsplit(":", 1)[1]))
        async with httpx.AsyncClient(base_url=base_url, timeout=3.0) as client:
            start = real_monotonic()
            try:
                response = await client.get("/status")
            except httpx.TimeoutException:
                raise fail(
                    f"Behind a real uvicorn server, GET /status had not answered after 3 s, "
                    f"although every upstream call should give up after TIMEOUT "
                    f"({secs(timeout)}). Wrap each call in `async with asyncio.timeout(TIMEOUT):`."
                ) from None
            elapsed = real_monotonic() - start
    if response.status_code == 500:
        raise fail("Behind a real uvicorn server, GET /status answered 500 Internal Server "
                   "Error: your route raised an exception (see the server's log above). One "
                   "failing upstream must never fail the whole answer.")
    body = _status_body(response, upstreams)
    expect_report(body, upstreams.expected(timed_out={names[1]}))
    bound = timeout * wallclock_factor
    if elapsed > bound:
        raise fail(f"Behind a real uvicorn server, GET /status took {secs(elapsed)}; with a "
                   f"TIMEOUT of {secs(timeout)} it should take about {secs(timeout)} "
                   f"(allowed: {secs(bound)}).")


# ---------------------------------------------------------------- task 2


def with_slots(durations: list[float], limit: int) -> float:
    """How long calls of these durations take, started in order, `limit` at a time: each
    starts as soon as a slot is free (what one shared semaphore does)."""
    free_at = [0.0] * limit
    for duration in durations:
        free_at.sort()
        free_at[0] += duration
    return max(free_at)


@pytest.mark.task(2)
@pytest.mark.parametrize(("delays", "limit"), [
    ([0.2] * 5, 2),
    ([0.2] * 7, 3),
    ([0.6, 0.2, 0.2, 0.2], 2),  # a slow one first: batches of 2 would take 0.8 s, not 0.6 s
], ids=["5-equal-limit-2", "7-equal-limit-3", "slow-first-limit-2"])
async def test_upstreams_checked_concurrently_within_the_limit(ex, monkeypatch, clients_built,
                                                               delays, limit):
    count = len(delays)
    upstreams = Upstreams(dict(zip(_names(count), delays, strict=True)))
    configure(ex, monkeypatch, upstreams, limit=limit, timeout=5.0)
    async with running(ex) as client:
        with Stopwatch() as sw:
            body = await get_status(client, upstreams)
    expect_report(body, upstreams.expected())
    peak = upstreams.service.max_in_flight
    ideal = with_slots(delays, limit)
    delay = secs(delays[-1]) if len(set(delays)) == 1 else "up to " + secs(max(delays))
    if peak <= 1:
        raise fail(
            f"{count} upstream checks of {delay} took {secs(sw.elapsed)}: they ran one "
            f"after another. Start them all (a TaskGroup or asyncio.gather) and let an "
            f"`asyncio.Semaphore(MAX_CONCURRENT)` hold back all but {limit} at a time; then "
            f"they take {secs(ideal)}."
        )
    if peak > limit:
        raise fail(
            f"{peak} upstream calls were in flight at once; MAX_CONCURRENT is {limit}. "
            "Bound them with an `asyncio.Semaphore(MAX_CONCURRENT)` (created per request, "
            "from the current MAX_CONCURRENT) and do each call inside `async with` it."
        )
    if peak < limit or not close_to(sw.elapsed, ideal):
        raise fail(
            f"{count} upstream checks of {delay} with MAX_CONCURRENT = {limit} took "
            f"{secs(sw.elapsed)} with at most {peak} in flight; expected {limit} in flight and "
            f"{secs(ideal)} in all. Start all checks at once and let the semaphore alone hold "
            "them back: a check starts as soon as a slot is free (not in batches, where each "
            "batch waits for its slowest call)."
        )


# ---------------------------------------------------------------- task 3


@pytest.mark.task(3)
async def test_each_call_has_its_own_timeout(ex, monkeypatch, clients_built):
    names = _names(5)
    timeout = 0.4
    delays = {names[0]: 0.1, names[1]: 30.0, names[2]: 0.2, names[3]: 0.05, names[4]: 0.3}
    upstreams = Upstreams(delays, broken={names[2]}, refused={names[3]})
    configure(ex, monkeypatch, upstreams, limit=5, timeout=timeout)
    async with running(ex) as client:
        with Stopwatch() as sw:
            body = await get_status(client, upstreams)
    slow = names[1]
    if isinstance(body, dict) and body.get(slow) != "timeout" and close_to(sw.elapsed, 30.0, 0.1):
        raise fail(
            f"One upstream takes 30 s to answer, and GET /status waited for it: the answer "
            f"took {secs(sw.elapsed)}. Give every call its own deadline, "
            f"`async with asyncio.timeout(TIMEOUT):` (TIMEOUT is {secs(timeout)} here), and "
            'report that upstream as "timeout".'
        )
    expect_report(body, upstreams.expected(timed_out={slow}))
    if not close_to(sw.elapsed, timeout):
        raise fail(
            f"GET /status took {secs(sw.elapsed)}; with TIMEOUT = {secs(timeout)} and the "
            f"slowest useful answer after 0.3 s, it should take exactly {secs(timeout)}. "
            "Read TIMEOUT when the request comes (the tests change it), and put the deadline "
            "around each upstream call."
        )


@pytest.mark.task(3)
async def test_waiting_for_a_slot_does_not_count_against_the_timeout(ex, monkeypatch,
                                                                      clients_built):
    names = _names(5)
    timeout, limit, quick = 0.5, 2, 0.2
    delays = {names[0]: 30.0, **{n: quick for n in names[1:]}}
    upstreams = Upstreams(delays)
    configure(ex, monkeypatch, upstreams, limit=limit, timeout=timeout)
    async with running(ex) as client:
        with Stopwatch() as sw:
            body = await get_status(client, upstreams)
    queued = [n for n in names[1:] if isinstance(body, dict) and body.get(n) == "timeout"]
    if queued:
        raise fail(
            f"With MAX_CONCURRENT = {limit} and TIMEOUT = {secs(timeout)}, GET /status "
            f"reported {queued} as \"timeout\", although each of those calls takes only "
            f"{secs(quick)}: the time they waited for a free slot counted against TIMEOUT. "
            "Take a slot first, then start the clock: put `async with asyncio.timeout(TIMEOUT):` "
            "inside `async with slots:`."
        )
    expect_report(body, upstreams.expected(timed_out={names[0]}))
    ideal = with_slots([min(d, timeout) for d in delays.values()], limit)
    if not close_to(sw.elapsed, ideal):
        raise fail(
            f"GET /status took {secs(sw.elapsed)}; with MAX_CONCURRENT = {limit}, TIMEOUT = "
            f"{secs(timeout)}, one upstream that never answers in time and four that take "
            f"{secs(quick)}, it should take {secs(ideal)}. Give each call its own deadline, "
            "inside the semaphore, and read TIMEOUT when the request comes."
        )


# ---------------------------------------------------------------- task 4


@pytest.mark.task(4)
async def test_one_shared_client_from_the_lifespan(ex, monkeypatch, clients_built):
    upstreams = Upstreams({n: 0.1 for n in _names(3)})
    configure(ex, monkeypatch, upstreams, limit=3, timeout=1.0)
    requests = 3
    async with running(ex) as client:
        at_startup = sum(1 for t in clients_built if t is upstreams.transport)
        for _ in range(requests):
            expect_report(await get_status(client, upstreams), upstreams.expected())
        during = sum(1 for t in clients_built if t is upstreams.transport) - at_startup
        closed_before_shutdown = upstreams.transport.closed
    if during > 0:
        raise fail(
            f"Your app built {during} httpx.AsyncClient objects while answering {requests} "
            "requests: a new client (and connection pool) for every request. Build one client "
            "in the lifespan, yield it (`yield {\"client\": client}`), and use "
            "`request.state.client` in the route."
        )
    if at_startup != 1:
        raise fail(
            f"Your app built {at_startup} httpx.AsyncClient objects with "
            "`transport=UPSTREAM_TRANSPORT` at startup; it should build exactly one, in the "
            "lifespan."
        )
    if closed_before_shutdown:
        raise fail("Your shared client was closed while the app was still running. Close it "
                   "only when the app shuts down (after the lifespan's `yield`).")
    if upstreams.transport.closed == 0:
        raise fail(
            "The app shut down, but its httpx.AsyncClient was never closed: its connections "
            "stay open. Create it with `async with httpx.AsyncClient(...) as client:` around "
            "the lifespan's `yield`, or `await client.aclose()` after it."
        )
