"""Exercise 22 · Capstone: a status aggregator, graded end to end.

The upstreams are faked in-process: a tiny ASGI app whose `GET /<name>/health` awaits a
grader fake (`FakeAsyncService`, per-upstream delays, failures, calls in flight) and then
answers 200, answers 503 (or 201, 204, a 302 with nowhere to go: only 200 is "ok"), or refuses
(raises `httpx.ConnectError`). The student's shared client
reaches it through `UPSTREAM_TRANSPORT`, an `httpx.ASGITransport` subclass that also records
when a client closes it; `httpx.AsyncClient.__init__` is wrapped to count the clients built on
it. Upstream names are random, so a hard-coded answer cannot pass.

- Through ASGI (`serve_app`, lifespan included) on the virtual clock: exact durations and
  exact counts of calls in flight. The limit is judged from the fake's records in whatever
  order the checks take their slots (the task leaves it open): at most MAX_CONCURRENT in
  flight, never a free slot while a check waits, each slow call given exactly TIMEOUT from
  when it started.
- Against a real uvicorn server on 127.0.0.1 (`uvicorn_server`, `realtime`): the same service
  over real HTTP; afterwards, no server thread and no bound port may be left (checked in a
  fixture's teardown, so it also holds when the test failed). uvicorn's log is kept, not
  printed: the grader shows the app's own error, with its line, above the message.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from awaitlings.engine.clocks import real_monotonic
from awaitlings.engine.explain import describe
from awaitlings.engine.servers import LifespanFailed, port_is_free, serve_app, uvicorn_server
from awaitlings.engine.verdicts import Verdict
from awaitlings.probes import FakeAsyncService, ServiceError, Stopwatch, close_to, fail, secs


class UpstreamTransport(httpx.ASGITransport):
    """The fake upstreams' transport; counts the clients that close it."""

    def __init__(self, app: Any) -> None:
        super().__init__(app=app)
        self.closed = 0

    async def aclose(self) -> None:
        self.closed += 1
        await super().aclose()


class Upstreams:
    """Fake upstream services: `ok` (200), `broken` (503), `refused` (ConnectError), or
    answering another status (`statuses`: 201, 204, 302, ...; only 200 is "ok")."""

    def __init__(
        self,
        delays: dict[str, float],
        broken: set[str] = frozenset(),
        refused: set[str] = frozenset(),
        statuses: dict[str, int] | None = None,
    ) -> None:
        self.names = list(delays)
        self.broken = set(broken)
        self.refused = set(refused)
        self.statuses = dict(statuses or {})
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
        status = self.statuses.get(name, 200)
        # 204 and 3xx answers carry no body (and no Location: nothing to follow).
        await _respond(send, status, b'{"healthy": true}' if status in (200, 201) else b"")

    def expected(self, timed_out: set[str] = frozenset()) -> dict[str, str]:
        return {
            name: "timeout"
            if name in timed_out
            else "down"
            if name in self.broken or name in self.refused or self.statuses.get(name, 200) != 200
            else "ok"
            for name in self.names
        }


async def _respond(send: Any, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"application/json")] if body else []
    await send({"type": "http.response.start", "status": status, "headers": headers})
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


def configure(ex: Any, monkeypatch: pytest.MonkeyPatch, upstreams: Upstreams, *, limit: int, timeout: float) -> None:
    monkeypatch.setattr(ex, "UPSTREAMS", list(upstreams.names), raising=False)
    monkeypatch.setattr(ex, "UPSTREAM_TRANSPORT", upstreams.transport, raising=False)
    monkeypatch.setattr(ex, "MAX_CONCURRENT", limit, raising=False)
    monkeypatch.setattr(ex, "TIMEOUT", timeout, raising=False)


@asynccontextmanager
async def running(ex: Any) -> AsyncIterator[httpx.AsyncClient]:
    if not hasattr(ex, "app"):
        raise fail("`app` is missing from the exercise: keep `app = FastAPI(lifespan=lifespan)`.")
    try:
        async with serve_app(ex.app) as client:
            yield client
    except LifespanFailed as exc:
        raise fail(startup_failed(str(exc))) from None


def startup_failed(text: str) -> str:
    """A lifespan that failed, in a sentence (the app's own error, with its line in the
    student's file, is shown above the message by the grader)."""
    if "did not finish within" in text:
        return (
            "The app's lifespan never finished starting: something before its `yield` waits "
            "forever. Create the client and `yield` right away."
        )
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    error = lines[-1] if lines else ""
    for prefix in ("startup: ", "shutdown: "):
        if prefix in error:
            error = error.split(prefix, 1)[1]
    if error.startswith("The app") or not error:
        error = ""
    when = "when the app shut down" if "shut down" in text or "shutdown" in text else "before its `yield`"
    return (
        f"The app's lifespan raised an error {when}"
        + (f" ({error[:300]})" if error else "")
        + ". Create the client in the lifespan as "
        "`async with httpx.AsyncClient(base_url=UPSTREAM_URL, transport=UPSTREAM_TRANSPORT) "
        'as client:` and `yield {"client": client}` inside that block.'
    )


def crash_advice(exc: BaseException | None) -> str:
    """What to try when /status raised `exc` instead of answering."""
    if isinstance(exc, httpx.HTTPError):
        return (
            "One failing upstream must never fail the whole answer: catch "
            '`httpx.HTTPError` around each upstream call and report that upstream as "down".'
        )
    if exc is not None and "different event loop" in str(exc):
        return (
            "An asyncio object made at import time (a Semaphore, a Lock, a client) belongs "
            "to the first event loop that used it, and it reads MAX_CONCURRENT before the "
            "tests set it. Create it while handling the request (or in the lifespan)."
        )
    if isinstance(exc, TimeoutError):
        return (
            "A deadline ran out and nothing caught it: put `async with asyncio.timeout(TIMEOUT):` "
            "around each upstream call, inside a `try:` whose `except TimeoutError:` reports "
            'that upstream as "timeout", not one deadline around all the checks together.'
        )
    return (
        "Every request must get an answer, and one failing upstream must never fail the "
        "whole answer: fix the error, then try again."
    )


async def get_status(client: httpx.AsyncClient, upstreams: Upstreams) -> dict[str, Any]:
    try:
        response = await client.get("/status")
    except Exception as exc:  # the app's crash, explained to the student
        raise fail(f"GET /status crashed your app with {describe(exc)}. {crash_advice(exc)}") from None
    return _status_body(response, upstreams)


def _status_body(response: httpx.Response, upstreams: Upstreams) -> dict[str, Any]:
    if response.status_code != 200:
        raise fail(f"GET /status answered {response.status_code}; expected 200. Body: {response.text[:300]}")
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
            'name in UPSTREAMS with `await client.get(f"/{name}/health")`, using the client '
            "the lifespan built with `transport=UPSTREAM_TRANSPORT`."
        )
    wrong_paths = [p for p in upstreams.paths if not p.endswith("/health")]
    if wrong_paths:
        raise fail(
            f"Your app asked the upstreams for {wrong_paths[0]!r}; each upstream's health "
            "check is `GET /<name>/health`."
        )
    return body


def expect_report(body: Any, expected: dict[str, str], upstreams: Upstreams | None = None) -> None:
    if body == expected:
        return
    if not isinstance(body, dict) or set(body) != set(expected):
        raise fail(f"GET /status returned {body!r}; expected one entry per name in UPSTREAMS: {expected!r}.")
    name = next(n for n in expected if body[n] != expected[n])
    status = upstreams.statuses.get(name) if upstreams is not None else None
    why = ""
    if status is not None and body[name] == "ok":
        why = (
            f' {name!r} answered status {status}, which is not 200: only 200 is "ok", every '
            'other status is "down". Compare `response.status_code == 200` (`is_success` '
            "and `raise_for_status()` let every 2xx through)."
        )
    raise fail(
        f"GET /status reported {name!r} as {body[name]!r}; expected {expected[name]!r}.{why} "
        f"Whole answer: {body!r}; expected {expected!r}."
    )


# ---------------------------------------------------------------- task 1


@pytest.mark.task(1)
async def test_status_reports_every_upstream(ex, monkeypatch, clients_built):
    names = _names(8)
    # Only 200 is "ok": 201, 204 and a 302 (with nowhere to go) are "down" like a 503.
    upstreams = Upstreams(
        {n: 0.1 for n in names},
        broken={names[1]},
        refused={names[3]},
        statuses={names[4]: 204, names[5]: 201, names[6]: 302},
    )
    configure(ex, monkeypatch, upstreams, limit=8, timeout=1.0)
    async with running(ex) as client:
        body = await get_status(client, upstreams)
    expect_report(body, upstreams.expected(), upstreams)


@pytest.fixture
def servers_left_behind() -> Iterator[list[int]]:
    """Ports of the uvicorn servers a test started; afterwards, none may be left running,
    also when the test failed."""
    ports: list[int] = []
    yield ports
    for port in ports:
        alive = [t.name for t in threading.enumerate() if t.name == f"uvicorn-127.0.0.1:{port}"]
        if alive or not port_is_free(port):
            pytest.fail(
                f"the uvicorn server on port {port} was not shut down "
                f"(thread alive: {bool(alive)}, port free: {port_is_free(port)})"
            )


class ServerLog(logging.Handler):
    """uvicorn's own log, kept instead of printed: a crashing app would otherwise fill the
    test's output with 70 lines of server and framework traceback."""

    NAMES = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def errors(self) -> list[BaseException]:
        return [r.exc_info[1] for r in self.records if r.exc_info and r.exc_info[1] is not None]

    def says(self, text: str) -> bool:
        return any(text in r.getMessage() for r in self.records)

    def install(self) -> None:
        for name in self.NAMES:
            logger = logging.getLogger(name)
            logger.handlers = [self] if name == "uvicorn" else []
            logger.propagate = name != "uvicorn"


@pytest.fixture
def server_log(monkeypatch) -> Iterator[ServerLog]:
    import uvicorn.config

    log = ServerLog()
    saved = {name: (logging.getLogger(name).handlers[:], logging.getLogger(name).propagate) for name in ServerLog.NAMES}
    original = uvicorn.config.Config.configure_logging

    def configure_logging(self: Any) -> None:  # uvicorn's setup, then our handler instead
        original(self)
        log.install()

    monkeypatch.setattr(uvicorn.config.Config, "configure_logging", configure_logging)
    yield log
    for name, (handlers, propagate) in saved.items():
        logging.getLogger(name).handlers = handlers
        logging.getLogger(name).propagate = propagate


@pytest.mark.realtime
@pytest.mark.heartbeat(None)  # the app runs on uvicorn's own loop, not on the test's
@pytest.mark.task(1)
async def test_status_behind_a_real_uvicorn_server(ex, monkeypatch, servers_left_behind, wallclock_factor, server_log):
    names = _names(4)
    timeout = 0.5
    slow = 4.0
    upstreams = Upstreams(
        {names[0]: 0.1, names[1]: slow, names[2]: 0.1, names[3]: 0.05}, broken={names[2]}, refused={names[3]}
    )
    configure(ex, monkeypatch, upstreams, limit=4, timeout=timeout)
    if not hasattr(ex, "app"):
        raise fail("`app` is missing from the exercise: keep `app = FastAPI(lifespan=lifespan)`.")
    try:
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
    except Verdict as exc:
        if not str(exc).startswith("uvicorn could not start"):
            raise
        errors = server_log.errors()
        if server_log.says("startup failed") or errors:
            # uvicorn logs a lifespan's error as the text of its traceback: its last line.
            logged = [r.getMessage() for r in server_log.records if "Traceback" in r.getMessage()]
            detail = logged[0] if logged else describe(errors[0]) if errors else ""
            raise fail("uvicorn could not start the app: " + startup_failed(detail)) from None
        raise fail(
            "uvicorn could not start the app (it exited while starting up). Keep "
            "`app = FastAPI(lifespan=lifespan)` and a lifespan that yields."
        ) from None
    if response.status_code == 500:
        errors = server_log.errors()
        raised = f" ({describe(errors[0])[:300]})" if errors else ""
        raise fail(
            "Behind a real uvicorn server, GET /status answered 500 Internal Server "
            f"Error: your route raised an exception{raised}. "
            f"{crash_advice(errors[0] if errors else None)}"
        )
    body = _status_body(response, upstreams)
    expect_report(body, upstreams.expected(timed_out={names[1]}))
    bound = timeout * wallclock_factor
    if elapsed > bound:
        raise fail(
            f"Behind a real uvicorn server, GET /status took {secs(elapsed)}; with a "
            f"TIMEOUT of {secs(timeout)} it should take about {secs(timeout)} "
            f"(allowed: {secs(bound)})."
        )


# ---------------------------------------------------------------- task 2

TOL = 0.002  # virtual time is exact; this only absorbs float rounding


def idle_slot(calls: list[Any], limit: int, began: float) -> tuple[int, float, float] | None:
    """The first moment a slot stood free while a check was still waiting for one, judged from
    the upstreams' records in whatever order the checks took their slots.

    Every check waits from the start of the request. With at most `limit` calls in flight, the
    k-th call to start (k >= limit) cannot start before the (k - limit + 1)-th call to end; it
    should start right then, when that call frees its slot. Returns (k, free_since, started)
    for the first call that started later than that, or None."""
    starts = sorted(c.start for c in calls)
    ends = sorted(c.end for c in calls if c.end is not None)
    for k, started in enumerate(starts):
        if k < limit:
            free_since = began
        elif k - limit < len(ends):
            free_since = ends[k - limit]
        else:
            return None
        if started > free_since + TOL:
            return k, free_since, started
    return None


def running_through(calls: list[Any], moment: float) -> int:
    """Calls that started before `moment` and were still running after it."""
    return sum(1 for c in calls if c.start < moment - TOL and (c.end is None or c.end > moment + TOL))


def expect_slots_used(upstreams: Upstreams, limit: int, began: float, finished: float, durations: str) -> None:
    """At most `limit` calls in flight, no slot idle while a check waits, and the answer sent
    as soon as the last call ended: in any order of the checks."""
    calls = list(upstreams.service.calls)
    count = len(calls)
    peak = upstreams.service.max_in_flight
    took = secs(finished - began)
    if peak > limit:
        raise fail(
            f"{peak} upstream calls were in flight at once; MAX_CONCURRENT is {limit}. "
            "Bound them with an `asyncio.Semaphore(MAX_CONCURRENT)` (created per request, "
            "from the current MAX_CONCURRENT) and do each call inside `async with` it."
        )
    if peak <= 1 < min(limit, count):
        raise fail(
            f"{count} upstream checks of {durations} took {took}: they ran one after another. "
            "Start them all (a TaskGroup or asyncio.gather) and let an "
            f"`asyncio.Semaphore(MAX_CONCURRENT)` hold back all but {limit} at a time."
        )
    idle = idle_slot(calls, limit, began)
    if idle is not None:
        k, free_since, started = idle
        late = next(c for c in sorted(calls, key=lambda c: c.start) if c.start == started)
        if k >= limit and running_through(calls, started) == 0:
            how = (
                "No new check started until every running one had finished: the checks ran "
                "in batches, and each batch waited for its slowest call. Start all checks at "
                "once and let the semaphore alone hold them back (not in batches): a check "
                "takes a slot the moment one is free."
            )
        else:
            how = (
                "Start all checks at once and let one `asyncio.Semaphore(MAX_CONCURRENT)` "
                "alone hold them back: a waiting check takes a slot the moment one is free, "
                "and nothing else should make it wait."
            )
        raise fail(
            f"With MAX_CONCURRENT = {limit}, a slot was free from {secs(free_since - began)} "
            f"into the request, while the check of {late.key!r} waited; it started only at "
            f"{secs(started - began)} (at most {peak} calls were in flight at once). {how}"
        )
    last_end = max((c.end for c in calls if c.end is not None), default=began)
    if finished > last_end + TOL:
        raise fail(
            f"The last upstream answered {secs(last_end - began)} into the request, but GET "
            f"/status answered only after {took}. Nothing else should wait once every check "
            "is done: return the dict right away."
        )


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("delays", "limit"),
    [
        ([0.2] * 5, 2),
        ([0.2] * 7, 3),
        ([0.6, 0.2, 0.2, 0.2], 2),  # a slow one: batches wait for it while a slot stands free
        ([0.2, 0.2, 0.6, 0.1, 0.3, 0.2], 3),
    ],
    ids=["5-equal-limit-2", "7-equal-limit-3", "slow-first-limit-2", "mixed-limit-3"],
)
async def test_upstreams_checked_concurrently_within_the_limit(ex, monkeypatch, clients_built, delays, limit):
    count = len(delays)
    upstreams = Upstreams(dict(zip(_names(count), delays, strict=True)))
    configure(ex, monkeypatch, upstreams, limit=limit, timeout=5.0)
    async with running(ex) as client:
        with Stopwatch() as sw:
            body = await get_status(client, upstreams)
    expect_report(body, upstreams.expected())
    durations = secs(delays[-1]) if len(set(delays)) == 1 else "up to " + secs(max(delays))
    expect_slots_used(upstreams, limit, sw.start, sw.start + sw.elapsed, durations)


# ---------------------------------------------------------------- task 3


def expect_own_deadline(upstreams: Upstreams, slow: str, began: float, timeout: float) -> None:
    """The call to the upstream that never answers in time was given exactly TIMEOUT, counted
    from when it started (when it had a slot), not from when the request came."""
    cut = [c for c in upstreams.service.calls if c.key == slow]
    if not cut or cut[-1].end is None:
        return
    call = cut[-1]
    given = call.end - call.start
    if close_to(given, timeout):
        return
    if given < timeout and call.start > began + TOL:
        why = (
            f"It waited {secs(call.start - began)} for a free slot, and that wait counted "
            "against its TIMEOUT. Take a slot first, then start the clock: put "
            "`async with asyncio.timeout(TIMEOUT):` inside `async with slots:`."
        )
    else:
        why = (
            "Read TIMEOUT when the request comes (the tests change it), and start each "
            "call's deadline when the call starts."
        )
    raise fail(
        f"The call to the slow upstream {slow!r} was given up after {secs(given)} of asking; "
        f"with TIMEOUT = {secs(timeout)} it should get exactly {secs(timeout)}. {why}"
    )


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
    expect_own_deadline(upstreams, slow, sw.start, timeout)
    # MAX_CONCURRENT is 5: every call starts at once, whatever the order.
    expect_slots_used(upstreams, 5, sw.start, sw.start + sw.elapsed, "up to 0.3 s")
    if not close_to(sw.elapsed, timeout):
        raise fail(
            f"GET /status took {secs(sw.elapsed)}; with TIMEOUT = {secs(timeout)} and the "
            f"slowest useful answer after 0.3 s, it should take exactly {secs(timeout)}. "
            "Read TIMEOUT when the request comes (the tests change it), and put the deadline "
            "around each upstream call."
        )


@pytest.mark.task(3)
@pytest.mark.parametrize("slow_at", [0, 4], ids=["slow-first", "slow-last"])
async def test_waiting_for_a_slot_does_not_count_against_the_timeout(ex, monkeypatch, clients_built, slow_at):
    names = _names(5)
    timeout, limit, quick = 0.5, 2, 0.2
    delays = {n: 30.0 if i == slow_at else quick for i, n in enumerate(names)}
    slow = names[slow_at]
    upstreams = Upstreams(delays)
    configure(ex, monkeypatch, upstreams, limit=limit, timeout=timeout)
    async with running(ex) as client:
        with Stopwatch() as sw:
            body = await get_status(client, upstreams)
    began = sw.start
    calls = list(upstreams.service.calls)
    waited = {c.key for c in calls if c.start > began + TOL}
    queued = [n for n in names if n != slow and isinstance(body, dict) and body.get(n) == "timeout"]
    if queued and set(queued) & waited:
        raise fail(
            f"With MAX_CONCURRENT = {limit} and TIMEOUT = {secs(timeout)}, GET /status "
            f'reported {queued} as "timeout", although each of those calls takes only '
            f"{secs(quick)}: the time they waited for a free slot counted against TIMEOUT. "
            "Take a slot first, then start the clock: put `async with asyncio.timeout(TIMEOUT):` "
            "inside `async with slots:`."
        )
    expect_report(body, upstreams.expected(timed_out={slow}))
    expect_own_deadline(upstreams, slow, began, timeout)
    expect_slots_used(
        upstreams, limit, began, began + sw.elapsed, f"{secs(quick)} (and one that times out after {secs(timeout)})"
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
            'in the lifespan, yield it (`yield {"client": client}`), and use '
            "`request.state.client` in the route."
        )
    if at_startup != 1:
        raise fail(
            f"Your app built {at_startup} httpx.AsyncClient objects with "
            "`transport=UPSTREAM_TRANSPORT` at startup; it should build exactly one, in the "
            "lifespan."
        )
    if closed_before_shutdown:
        raise fail(
            "Your shared client was closed while the app was still running. Close it "
            "only when the app shuts down (after the lifespan's `yield`)."
        )
    if upstreams.transport.closed == 0:
        raise fail(
            "The app shut down, but its httpx.AsyncClient was never closed: its connections "
            "stay open. Create it with `async with httpx.AsyncClient(...) as client:` around "
            "the lifespan's `yield`, or `await client.aclose()` after it."
        )
