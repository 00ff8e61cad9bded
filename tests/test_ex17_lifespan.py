"""Exercise 17 · Lifespan and dependencies, graded through real ASGI on the virtual clock.

The app is started and stopped with the ASGI lifespan protocol (`awaitlings.servers.lifespan`)
and asked through httpx over ASGITransport, all on the test's loop. Grader fakes:
- the module's `httpx` (and `AsyncClient`, if imported by name) is swapped for one whose
  `AsyncClient` records every client made (when, and whether it was closed) and sends its
  requests to a pretend shipping service whose handler awaits a grader `SlowAPI`;
- the module attribute `pool` is replaced with a fake pool that records every acquire,
  release and use of its connections.
"""

import asyncio
import contextlib
import secrets
import types
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from awaitlings.probes import (
    SlowAPI,
    SlowDatabase,
    expect_app,
    fail,
    require,
    route_endpoint,
)
from awaitlings.servers import lifespan, with_state


class CountingTransport(httpx.ASGITransport):
    def __init__(self, app: Any) -> None:
        super().__init__(app=app)
        self.requests = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return await super().handle_async_request(request)


class FakeConnection:
    def __init__(self, pool: "FakePool", number: int) -> None:
        self.pool = pool
        self.number = number
        self.held = True
        self.used_after_release = False

    async def fetch(self, order_id: str) -> Any:
        if not self.held:
            self.used_after_release = True
            raise RuntimeError(
                f"connection #{self.number} was used after it was released to the pool"
            )
        row = await self.pool.db.fetch(order_id)
        return row if order_id in self.pool.rows else None

    def __repr__(self) -> str:
        return f"<grader connection #{self.number}>"


class FakePool:
    def __init__(self, rows: dict[str, Any]) -> None:
        self.rows = rows
        self.db = SlowDatabase("orders database", delay=0.05, data=rows)
        self.connections: list[FakeConnection] = []
        self.double_releases = 0

    async def acquire(self) -> FakeConnection:
        await asyncio.sleep(0)
        conn = FakeConnection(self, len(self.connections) + 1)
        self.connections.append(conn)
        return conn

    async def release(self, conn: FakeConnection) -> None:
        await asyncio.sleep(0)
        if not isinstance(conn, FakeConnection) or not conn.held:
            self.double_releases += 1
            return
        conn.held = False

    @property
    def held(self) -> list[FakeConnection]:
        return [c for c in self.connections if c.held]


class World:
    """Everything the grader hands the app, and what it saw."""

    def __init__(self, ex, monkeypatch) -> None:
        self.rows = {
            f"ord-{secrets.token_hex(3)}": {"item": secrets.choice(["kettle", "mug", "spoon"]),
                                            "qty": 1 + secrets.randbelow(9)}
            for _ in range(4)
        }
        self.shipping = {
            oid: {"order": oid, "status": secrets.choice(["packed", "shipped"]) + f" #{i}"}
            for i, oid in enumerate(self.rows)
        }
        self.api = SlowAPI("shipping service", delay=0.2,
                           data={f"/shipping/{k}": v for k, v in self.shipping.items()})
        self.upstream = self._upstream()
        self.pool = FakePool(self.rows)
        self.clients: list[tuple[httpx.AsyncClient, CountingTransport]] = []
        self.phase = "import"
        self.created_in: list[str] = []
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

        class GraderAsyncClient(httpx.AsyncClient):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                transport = CountingTransport(world.upstream)
                kwargs["transport"] = transport
                kwargs.setdefault("base_url", "http://shipping.test")
                super().__init__(*args, **kwargs)
                world.clients.append((self, transport))
                world.created_in.append(world.phase)

        proxy = types.ModuleType("httpx")
        proxy.__dict__.update(httpx.__dict__)
        proxy.AsyncClient = GraderAsyncClient
        if getattr(ex, "httpx", None) is httpx:
            monkeypatch.setattr(ex, "httpx", proxy)
        if getattr(ex, "AsyncClient", None) is httpx.AsyncClient:
            monkeypatch.setattr(ex, "AsyncClient", GraderAsyncClient)
        if not hasattr(ex, "pool"):
            raise fail("`pool` is missing from the module; keep `pool = ConnectionPool()`.")
        monkeypatch.setattr(ex, "pool", self.pool)

    @contextlib.asynccontextmanager
    async def serving(self, ex, *, grader_provides: str):
        """Run the app from startup to shutdown, yielding an httpx client that talks to it.

        `grader_provides` names the dependency the grader replaces with a correct one of its
        own ("connection" or "http client"), so each task is graded on its own part.
        """
        app = expect_app(ex)
        await route_endpoint(app, "/orders/1")
        name = {"connection": "get_connection", "http client": "get_http_client"}[grader_provides]
        dependency = require(ex, name)
        if grader_provides == "connection":

            async def grader_dependency() -> AsyncIterator[FakeConnection]:
                conn = await self.pool.acquire()
                try:
                    yield conn
                finally:
                    await self.pool.release(conn)

        else:
            grader_client = httpx.AsyncClient(transport=CountingTransport(self.upstream),
                                              base_url="http://shipping.test")

            async def grader_dependency() -> httpx.AsyncClient:
                return grader_client

        app.dependency_overrides[dependency] = grader_dependency
        try:
            self.phase = "startup"
            async with lifespan(app) as state:
                self.phase = "requests"
                transport = httpx.ASGITransport(app=with_state(app, state))
                async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
                    yield http
                self.phase = "shutdown"
            self.phase = "after"
        finally:
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
    hint = ""
    if "closed" in error:
        hint = (" The shared client was already closed when a request used it: close it after "
                "the lifespan's `yield` (shutdown), not before.")
    elif "after it was released" in error:
        hint = (" The route got a connection that had already gone back to the pool. Release "
                "it only after the route is done: `yield conn` in `get_connection`, then "
                "`await pool.release(conn)` after the `yield`.")
    elif "coroutine" in error:
        hint = " An `async` call is missing its `await`."
    raise fail(f"GET {url} crashed inside your app with {error}.{hint}")


async def _orders(http, world: World, ids: list[str]) -> None:
    """All of `ids` at once; each must answer 200 with the right body."""
    responses = await asyncio.gather(*(_get(http, f"/orders/{oid}") for oid in ids),
                                     return_exceptions=True)
    for oid, response in zip(ids, responses, strict=True):
        if isinstance(response, BaseException):
            raise response
        if response.status_code != 200:
            raise fail(f"GET /orders/{oid} answered {response.status_code}; expected 200.\n"
                       f"{response.text[:300]}")
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
    async with world.serving(ex, grader_provides="connection") as http:
        await _orders(http, world, ids)
        closed_early = [c for c, _ in world.clients if c.is_closed]
    if not world.clients:
        raise fail("The app never created an `httpx.AsyncClient`, so there was nothing to close. "
                   "Create it in the lifespan first (task 1).")
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
        raise fail(f"{what}: a connection was released {pool.double_releases} extra time(s); "
                   "release each connection exactly once.")


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
            f"{len(ids)} requests took {len(pool.connections)} connections from the pool; "
            "each request should borrow exactly one."
        )


@pytest.mark.task(4)
async def test_connection_returned_when_the_route_fails(ex, monkeypatch):
    world = World(ex, monkeypatch)
    missing = f"ord-{secrets.token_hex(4)}"
    async with world.serving(ex, grader_provides="http client") as http:
        response = await _get(http, f"/orders/{missing}")
    if response.status_code != 404:
        raise fail(f"GET /orders/{missing} (no such order) answered {response.status_code}; "
                   "expected 404 from the route.")
    if world.pool.held and len(world.pool.connections) == 1:
        raise fail(
            "GET /orders/<unknown> answered 404, and its connection never went back to the "
            "pool. A failing request must return its connection too. When the route raises "
            "(here `HTTPException(404)`), FastAPI raises that error at the `yield` of your "
            "dependency, so plain code after the `yield` is skipped: put "
            "`await pool.release(conn)` in a `finally:` block around the `yield`."
        )
    _expect_all_released(world, "After a request that answered 404")
