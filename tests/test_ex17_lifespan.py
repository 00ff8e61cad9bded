"""Exercise 17 · Lifespan and dependencies, graded through real ASGI on the virtual clock.

The app is started and stopped with the ASGI lifespan protocol (driven here, so a lifespan that
crashes is explained in the student's words) and asked through httpx over ASGITransport, all on
the test's loop. Grader fakes:
- the module's `httpx` (and `AsyncClient`, if imported by name) is swapped for one whose
  `AsyncClient` records every client made (when, and whether it was closed) and sends its
  requests to a pretend shipping service whose handler awaits a grader `SlowAPI`;
- the module attribute `pool` is replaced with a fake pool that records every acquire,
  release and use of its connections, and which request took each connection;
- every request's ASGI messages are watched, so the test knows whether a request's connection
  was still held when its response went out (task 3: release *after* the response).

Each task is graded on its own part: tasks 1 and 2 get a correct `get_connection` from the
grader, tasks 3 and 4 a correct `get_http_client`; only task 2 (closing at shutdown) fails
when the lifespan's shutdown crashes, and tasks 3 and 4 carry on without the lifespan when its
startup crashes.
"""

import asyncio
import contextlib
import contextvars
import itertools
import secrets
import types
from collections.abc import AsyncIterator, Mapping
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from awaitlings.engine import app_errors
from awaitlings.engine.explain import explain
from awaitlings.engine.servers import asgi_call, with_state
from awaitlings.probes import (
    CountingTransport,
    SlowAPI,
    SlowDatabase,
    expect_app,
    fail,
    require,
    route_endpoint,
)

# Which request (as the grader's ASGI wrapper named it) the running code belongs to.
_request: contextvars.ContextVar[str | None] = contextvars.ContextVar("ex17_request", default=None)


class Connection:
    """The grader's connection (named like the stub's, for Python's own messages)."""

    def __init__(self, pool: "ConnectionPool", number: int) -> None:
        self.pool = pool
        self.number = number
        self.held = True
        self.used_after_release = False
        self.request = _request.get()  # the request that took it (None: outside any request)
        self.held_when_sent: bool | None = None  # still held when its response went out?

    async def fetch(self, order_id: str) -> Any:
        if not self.held:
            self.used_after_release = True
            raise RuntimeError(f"connection #{self.number} was used after it was released to the pool")
        row = await self.pool.db.fetch(order_id)
        return row if order_id in self.pool.rows else None

    def __repr__(self) -> str:
        return f"<connection #{self.number}>"


class ConnectionPool:
    """The grader's pool (named like the stub's): records every acquire and release."""

    def __init__(self, rows: dict[str, Any], broken: str) -> None:
        self.rows = rows
        # Looking up `broken` fails inside the route with an error that is not an HTTPException.
        self.db = SlowDatabase("orders database", delay=0.05, data=rows, fail={broken})
        self.connections: list[Connection] = []
        self.double_releases = 0

    async def acquire(self) -> Connection:
        await asyncio.sleep(0)
        conn = Connection(self, len(self.connections) + 1)
        self.connections.append(conn)
        return conn

    async def release(self, conn: Connection) -> None:
        await asyncio.sleep(0)
        if not isinstance(conn, Connection) or not conn.held:
            self.double_releases += 1
            return
        conn.held = False

    @property
    def held(self) -> list[Connection]:
        return [c for c in self.connections if c.held]

    def taken_by(self, request: str) -> list[Connection]:
        return [c for c in self.connections if c.request == request]


class Lifespan:
    """The ASGI lifespan protocol (startup, then shutdown), keeping the app's own exception so a
    crash can be explained in the student's words instead of as Starlette's traceback text."""

    TIMEOUT = 10.0

    def __init__(self, app: Any, ex) -> None:
        self.app = app
        self.files = [str(ex.__file__)]
        self.state: dict[str, Any] = {}
        self.yielded: list[Any] = []
        self._to_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._from_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._task: asyncio.Task[Any] | None = None

    def watch_yield(self, monkeypatch) -> None:
        """Note what the student's lifespan yields (Starlette accepts nothing or a dict)."""
        router = getattr(self.app, "router", None)
        original = getattr(router, "lifespan_context", None)
        if original is None:
            return
        yielded = self.yielded

        @contextlib.asynccontextmanager
        async def watched(app: Any) -> AsyncIterator[Any]:
            async with original(app) as value:
                yielded.append(value)
                yield value

        monkeypatch.setattr(router, "lifespan_context", watched)

    async def start(self) -> str | None:
        """Run startup; None when it worked, else a message for the student."""
        scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}, "state": self.state}
        self._task = asyncio.create_task(self.app(scope, self._to_app.get, self._from_app.put), name="lifespan")
        await self._to_app.put({"type": "lifespan.startup"})
        problem = await self._outcome("startup")
        if problem is not None:
            return problem
        return None

    async def stop(self) -> str | None:
        """Run shutdown; None when it worked, else a message for the student."""
        if self._task is None or self._task.done():
            return None
        await self._to_app.put({"type": "lifespan.shutdown"})
        return await self._outcome("shutdown")

    async def _outcome(self, phase: str) -> str | None:
        assert self._task is not None
        getter = asyncio.ensure_future(self._from_app.get())
        done, _ = await asyncio.wait({getter, self._task}, timeout=self.TIMEOUT, return_when=asyncio.FIRST_COMPLETED)
        message = getter.result() if getter in done else None
        if message is None:
            getter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await getter
        if message is not None and message["type"].endswith(".complete"):
            return None
        if message is None and self._task not in done:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
            where = "before" if phase == "startup" else "after"
            return (
                f"The app's lifespan {phase} did not finish within {self.TIMEOUT:g} s: the code "
                f"{where} its `yield` waits for something that never comes."
            )
        error: BaseException | None = None
        try:
            await self._task
        except BaseException as exc:  # the lifespan's own error: explained below
            error = exc
        return self._explain(phase, error)

    def _explain(self, phase: str, error: BaseException | None) -> str:
        # Explained here: do not let the grader explain the same error a second time.
        for other in app_errors.take():
            if other is not error:
                app_errors.record(other)
        if phase == "startup":
            odd = [v for v in self.yielded if v is not None and not isinstance(v, Mapping)]
            if odd:
                what = (
                    "the HTTP client" if isinstance(odd[0], httpx.AsyncClient) else f"a {type(odd[0]).__name__} object"
                )
                return (
                    f"The app failed to start: its lifespan yielded {what} (`yield <value>`). "
                    "A lifespan yields nothing (a bare `yield`) or a dict of state "
                    '(`yield {"http_client": client}`, read back as '
                    "`request.state.http_client`); Starlette cannot use anything else. Keep the "
                    "client on `app.state.http_client` and write a bare `yield`."
                )
            head = "The app failed to start: its lifespan raised an error before its `yield` (startup)."
        else:
            head = "The app failed to shut down: its lifespan raised an error after its `yield` (shutdown)."
        if error is None:
            return head
        text = explain(error, self.files).replace("GraderAsyncClient", "AsyncClient")
        tip = ""
        if isinstance(error, AttributeError) and "'close'" in str(error):
            tip = (
                "\n\nAn `httpx.AsyncClient` is closed with `await client.aclose()` (`close()` "
                "belongs to the blocking `httpx.Client`)."
            )
        return f"{head}\n{text}{tip}"


class World:
    """Everything the grader hands the app, and what it saw."""

    def __init__(self, ex, monkeypatch) -> None:
        self.monkeypatch = monkeypatch
        self.rows = {
            f"ord-{secrets.token_hex(3)}": {
                "item": secrets.choice(["kettle", "mug", "spoon"]),
                "qty": 1 + secrets.randbelow(9),
            }
            for _ in range(4)
        }
        self.broken = f"ord-{secrets.token_hex(4)}"  # its lookup raises inside the route
        self.shipping = {
            oid: {"order": oid, "status": secrets.choice(["packed", "shipped"]) + f" #{i}"}
            for i, oid in enumerate(self.rows)
        }
        self.api = SlowAPI("shipping service", delay=0.2, data={f"/shipping/{k}": v for k, v in self.shipping.items()})
        self.upstream = self._upstream()
        self.pool = ConnectionPool(self.rows, self.broken)
        self.clients: list[tuple[httpx.AsyncClient, CountingTransport]] = []
        self.phase = "import"
        self.created_in: list[str] = []
        self.served: Any = None  # the app as the test's requests reach it
        self._numbers = itertools.count(1)
        self._patch(ex, monkeypatch)

    def _upstream(self) -> FastAPI:
        up = FastAPI()
        api = self.api

        @up.get("/shipping/{order_id}")
        async def shipping(order_id: str) -> Any:
            return await api.get(f"/shipping/{order_id}")

        return up

    def _patch(self, ex, monkeypatch) -> None:
        world = self

        class AsyncClient(httpx.AsyncClient):  # named like httpx's, for Python's own messages
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                transport = CountingTransport(world.upstream)
                kwargs["transport"] = transport
                kwargs.setdefault("base_url", "http://shipping.test")
                super().__init__(*args, **kwargs)
                world.clients.append((self, transport))
                world.created_in.append(world.phase)

        proxy = types.ModuleType("httpx")
        proxy.__dict__.update(httpx.__dict__)
        proxy.AsyncClient = AsyncClient
        if getattr(ex, "httpx", None) is httpx:
            monkeypatch.setattr(ex, "httpx", proxy)
        if getattr(ex, "AsyncClient", None) is httpx.AsyncClient:
            monkeypatch.setattr(ex, "AsyncClient", AsyncClient)
        if not hasattr(ex, "pool"):
            raise fail("`pool` is missing from the module; keep `pool = ConnectionPool()`.")
        monkeypatch.setattr(ex, "pool", self.pool)

    def watched(self, app: Any) -> Any:
        """`app`, with each request named (for the pool) and its last response message noted:
        was every connection the request took still held when its response went out?"""
        pool = self.pool

        async def watched_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            name = f"{scope['method']} {scope['path']} #{next(self._numbers)}"

            async def noting_send(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.body" and not message.get("more_body", False):
                    for conn in pool.taken_by(name):
                        if conn.held_when_sent is None:
                            conn.held_when_sent = conn.held
                await send(message)

            token = _request.set(name)
            try:
                await app(scope, receive, noting_send)
            finally:
                _request.reset(token)

        return watched_app

    def taken_for(self, path: str) -> list[Connection]:
        """The connections taken by the requests for `path`."""
        return [c for c in self.pool.connections if c.request is not None and c.request.split(" ")[1] == path]

    @contextlib.asynccontextmanager
    async def serving(self, ex, *, grader_provides: str, shutdown_counts: bool = False):
        """Run the app from startup to shutdown, yielding an httpx client that talks to it.

        `grader_provides` names the dependency the grader replaces with a correct one of its
        own ("connection" or "http client"), so each task is graded on its own part. A failed
        startup fails the test when the grader needs the student's client (tasks 1 and 2), and
        a failed shutdown only when `shutdown_counts` (task 2).
        """
        app = expect_app(ex)
        await route_endpoint(app, "/orders/1")
        name = {"connection": "get_connection", "http client": "get_http_client"}[grader_provides]
        dependency = require(ex, name)
        if grader_provides == "connection":

            async def grader_dependency() -> AsyncIterator[Connection]:
                conn = await self.pool.acquire()
                try:
                    yield conn
                finally:
                    await self.pool.release(conn)

        else:
            grader_client = httpx.AsyncClient(
                transport=CountingTransport(self.upstream), base_url="http://shipping.test"
            )

            async def grader_dependency() -> httpx.AsyncClient:
                return grader_client

        app.dependency_overrides[dependency] = grader_dependency
        life = Lifespan(app, ex)
        life.watch_yield(self.monkeypatch)
        try:
            self.phase = "startup"
            problem = await life.start()
            if problem is not None and grader_provides == "connection":
                raise fail(problem)
            self.phase = "requests"
            self.served = self.watched(with_state(app, life.state))
            transport = httpx.ASGITransport(app=self.served)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
                yield http
            self.phase = "shutdown"
            problem = await life.stop()
            if problem is not None and shutdown_counts:
                raise fail(problem)
            self.phase = "after"
        finally:
            await life.stop()  # when the block failed: shut down anyway, quietly
            app.dependency_overrides.pop(dependency, None)
            if grader_provides == "http client":
                await grader_client.aclose()

    def expect_order(self, body: Any, oid: str) -> None:
        want = {"order": self.rows[oid], "shipping": self.shipping[oid]}
        if body == want:
            return
        if isinstance(body, dict) and body.get("order") == want["order"] and not self.clients:
            raise fail(
                f"GET /orders/{oid} answered shipping data that did not come through a client "
                "your app created while it ran: it used a client made somewhere else (at "
                "import time?). Create the client inside the lifespan function, before its "
                "`yield`, with `httpx.AsyncClient(...)`; the grader watches that call."
            )
        raise fail(f"GET /orders/{oid} returned {body!r}; expected {want!r}.")


async def _get(http, url) -> httpx.Response:
    error = None
    try:
        return await http.get(url)
    except Exception as exc:
        error = f"{type(exc).__name__}: {str(exc).rstrip('.')}"  # a string: exc may hold coroutines
    error = error.replace("GraderAsyncClient", "AsyncClient")
    hint = ""
    if "closed" in error:
        hint = (
            " The shared client was already closed when a request used it: close it after "
            "the lifespan's `yield` (shutdown), not before."
        )
    elif "after it was released" in error:
        hint = (
            " The route got a connection that had already gone back to the pool. Release "
            "it only after the route is done: `yield conn` in `get_connection`, then "
            "`await pool.release(conn)` after the `yield`."
        )
    elif "'State' object has no attribute" in error:
        hint = (
            " The app's state has nothing by that name: the lifespan never ran, or never "
            "stored it. Pass the lifespan to the app (`FastAPI(lifespan=lifespan)`) and set "
            "`app.state.http_client = client` before its `yield`."
        )
    elif "coroutine" in error:
        hint = " An `async` call is missing its `await`."
    raise fail(f"GET {url} crashed inside your app with {error}.{hint}")


async def _orders(http, world: World, ids: list[str]) -> None:
    """All of `ids` at once; each must answer 200 with the right body."""
    responses = await asyncio.gather(*(_get(http, f"/orders/{oid}") for oid in ids), return_exceptions=True)
    for oid, response in zip(ids, responses, strict=True):
        if isinstance(response, BaseException):
            raise response
        if response.status_code != 200:
            raise fail(f"GET /orders/{oid} answered {response.status_code}; expected 200.\n{response.text[:300]}")
        world.expect_order(response.json(), oid)


@pytest.mark.task(1)
async def test_one_client_made_at_startup_serves_every_request(ex, monkeypatch):
    world = World(ex, monkeypatch)
    ids = list(world.rows)
    async with world.serving(ex, grader_provides="connection") as http:
        at_startup = len(world.clients)
        await _orders(http, world, ids[:3])
        await _orders(http, world, ids[3:])
    made = len(world.clients)
    during_requests = world.created_in.count("requests")
    if during_requests:
        raise fail(
            f"{len(ids)} requests created {during_requests} `httpx.AsyncClient` objects while "
            "the app was serving: a new client per request. Each one opens its own connection "
            "pool, so nothing is reused. Create ONE client in the lifespan (before `yield`), "
            "keep it on `app.state`, and have `get_http_client` return it."
        )
    if at_startup == 0:
        raise fail(
            "No `httpx.AsyncClient` was created during the app's startup, yet the requests "
            "worked: they used a client made somewhere else (at import time?). Create the "
            "client inside the lifespan function, before its `yield`, with "
            "`httpx.AsyncClient(...)`; the grader watches that call."
        )
    if made != 1:
        raise fail(f"The app created {made} `httpx.AsyncClient` objects at startup; one is enough.")
    _, transport = world.clients[0]
    if transport.requests != len(ids):
        raise fail(
            f"The client created at startup sent {transport.requests} of the {len(ids)} "
            "shipping requests. `get_http_client` should hand every route that one client "
            "(e.g. `return request.app.state.http_client`)."
        )


@pytest.mark.task(2)
async def test_client_closed_at_shutdown(ex, monkeypatch):
    world = World(ex, monkeypatch)
    ids = list(world.rows)[:2]
    async with world.serving(ex, grader_provides="connection", shutdown_counts=True) as http:
        await _orders(http, world, ids)
        closed_early = [c for c, _ in world.clients if c.is_closed]
    if not world.clients:
        raise fail(
            "The app never created an `httpx.AsyncClient`, so there was nothing to close. "
            "Create it in the lifespan first (task 1)."
        )
    if "requests" in world.created_in:
        raise fail(
            "The app created its `httpx.AsyncClient` objects while serving requests, so there "
            "is no shared client to close at shutdown. Create one in the lifespan first "
            "(task 1), then close it after the lifespan's `yield`."
        )
    if closed_early:
        raise fail(
            "The shared client was closed while the app was still serving. Close it after "
            "the lifespan's `yield`, which runs at shutdown."
        )
    open_ = [c for c, _ in world.clients if not c.is_closed]
    if open_:
        raise fail(
            f"{len(open_)} of the {len(world.clients)} `httpx.AsyncClient` objects your app "
            "created were still open after shutdown. A client holds open connections until "
            "it is closed. After the lifespan's `yield`, `await client.aclose()` (or create "
            "it with `async with httpx.AsyncClient(...) as client:` around the `yield`)."
        )


def _expect_all_released(world: World, what: str) -> None:
    pool = world.pool
    if not pool.connections:
        raise fail(
            f"{what}: no connection was taken from `pool`. `get_connection` should "
            "`await pool.acquire()` and hand the connection to the route."
        )
    if any(c.used_after_release for c in pool.connections):
        raise fail(
            f"{what}: the route used its connection after it had gone back to the pool. "
            "Release it only after the route is done: `yield conn` in `get_connection`, "
            "then `await pool.release(conn)` after the `yield`."
        )
    held = pool.held
    if held:
        raise fail(
            f"{what}: {len(held)} of {len(pool.connections)} connections were never given "
            "back to the pool. A real pool runs dry after a few requests and the app hangs. "
            "Make `get_connection` a `yield` dependency: acquire, `yield conn`, then "
            "`await pool.release(conn)` in a `finally:` block."
        )
    if pool.double_releases:
        raise fail(
            f"{what}: a connection was released {pool.double_releases} extra time(s); "
            "release each connection exactly once."
        )


@pytest.mark.task(3)
async def test_each_request_borrows_and_returns_a_connection(ex, monkeypatch):
    world = World(ex, monkeypatch)
    ids = list(world.rows)
    async with world.serving(ex, grader_provides="http client") as http:
        await _orders(http, world, ids)
    _expect_all_released(world, f"After {len(ids)} requests")
    pool = world.pool
    if len(pool.connections) != len(ids):
        raise fail(
            f"{len(ids)} requests took {len(pool.connections)} connection"
            f"{'' if len(pool.connections) == 1 else 's'} from the pool; each request should "
            "borrow exactly one."
        )
    early = [c for c in pool.connections if c.request is not None and c.held_when_sent is False]
    if early:
        request = early[0].request.rsplit(" #", 1)[0]
        raise fail(
            f"{len(early)} of {len(ids)} requests gave their connection back to the pool before "
            f"their response was sent (e.g. {request}). Task 3 asks for the release after the "
            "response: the route and the sending of its answer may still need the connection "
            "(a streamed body, a transaction that commits). Release it after the `yield` of "
            "`get_connection` and use the dependency as it is, `Depends(get_connection)`: "
            '`Depends(get_connection, scope="function")` runs the code after `yield` as soon '
            "as the route returns, before the response goes out."
        )


async def _cancelled_request(world: World, path: str, after: float) -> bool | None:
    """GET `path`, cancelled `after` seconds in (the client went away, or the server is shutting
    down). Whether its connection was still held at that moment (None: it had taken none)."""
    request = asyncio.create_task(asgi_call(world.served, "GET", path))
    await asyncio.sleep(after)
    taken = world.taken_for(path)
    held_then = all(c.held for c in taken) if taken else None
    request.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await request
    return held_then


@pytest.mark.task(4)
async def test_connection_returned_whatever_the_route_does(ex, monkeypatch):
    world = World(ex, monkeypatch)
    found = next(iter(world.rows))
    missing, broken = f"ord-{secrets.token_hex(4)}", world.broken
    async with world.serving(ex, grader_provides="http client") as http:
        ok, not_found, crashed = await asyncio.gather(
            _get(http, f"/orders/{found}"),
            _get(http, f"/orders/{missing}"),
            http.get(f"/orders/{broken}"),  # the route fails with an error: any outcome will do
            return_exceptions=True,
        )
        for response in (ok, not_found):
            if isinstance(response, BaseException):
                raise response
        cancelled = f"/orders/{list(world.rows)[1]}"
        # Cancelled while the route awaits the shipping service (0.05 s lookup, 0.2 s shipping).
        held_then = await _cancelled_request(world, cancelled, after=0.15)
    del crashed  # its error is the grader's doing (a failing lookup), not the student's
    if not_found.status_code != 404:
        raise fail(
            f"GET /orders/{missing} (no such order) answered {not_found.status_code}; expected 404 from the route."
        )
    pool = world.pool
    if any(c.used_after_release for c in pool.connections):
        _expect_all_released(world, "After requests that succeeded and failed")
    for path, what, advice in (
        (
            f"/orders/{missing}",
            "answered 404",
            (
                "When the route raises (here `HTTPException(404)`), FastAPI raises that error at the "
                "`yield` of your dependency, so plain code after the `yield` is skipped: put "
                "`await pool.release(conn)` in a `finally:` block around the `yield`."
            ),
        ),
        (
            f"/orders/{broken}",
            "failed with an error that is not an HTTPException (the order lookup raised, so it answered 500)",
            (
                "Any error in the route arrives at the `yield` of your dependency, not only "
                "`HTTPException`: release in a `finally:` block around the `yield`, which runs "
                "whatever the error (an `except HTTPException:` catches only that one)."
            ),
        ),
        (
            cancelled,
            "was cancelled while its route was running (the client went away, or the server shut down)",
            (
                "Cancellation arrives at the `yield` of your dependency as "
                "`asyncio.CancelledError`, which is not an `Exception`: `except Exception:` misses "
                "it, a `finally:` block around the `yield` does not."
            ),
        ),
        (f"/orders/{found}", "succeeded", ("Release it after the `yield`, in a `finally:` block around the `yield`.")),
    ):
        taken = world.taken_for(path)
        if not taken:
            _expect_all_released(world, f"After GET {path}, which {what}")
            continue
        if any(c.held for c in taken):
            raise fail(
                f"GET {path} {what}, and its connection never went back to the pool. A request "
                f"must return its connection whatever happens in the route. {advice}"
            )
    if held_then is False:
        raise fail(
            f"GET {cancelled} had already given its connection back while its route was still "
            "running. Release it only after the route is done: `yield conn`, then "
            "`await pool.release(conn)` in a `finally:` block around the `yield`."
        )
    _expect_all_released(world, "After requests that succeeded, failed and were cancelled")
