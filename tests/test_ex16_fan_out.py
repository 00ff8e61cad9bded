"""Exercise 16 · Fan-out inside a route, graded through real ASGI on the virtual clock.

The upstream is a small FastAPI app built here whose handlers await a grader-owned `SlowAPI`
(it records every call: start, end, how many were in flight). The app reaches it through an
`httpx.AsyncClient` over `httpx.ASGITransport`, handed in with
`app.dependency_overrides[get_http_client]`. The module's `httpx` (and `AsyncClient`, if
imported by name) is swapped for one whose `AsyncClient` counts constructions and talks to
the same upstream, so a client created inside the route still works but is counted.
"""

import asyncio
import secrets
import types
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, HTTPException

from awaitlings.probes import (
    CountingTransport,
    SlowAPI,
    Stopwatch,
    asgi_client,
    close_to,
    draw_timeline,
    expect_app,
    fail,
    require,
    route_endpoint,
    secs,
)

PARTS = ("weather", "news", "stocks")
BASE = "http://upstream.test"


class Upstream:
    """The pretend upstream, the grader's shared client for it, and clients the route made."""

    def __init__(self, ex, monkeypatch, delays: dict[str, float]) -> None:
        self.data = {
            "weather": {"sky": secrets.choice(["fog", "hail", "sun"]), "celsius": secrets.randbelow(40)},
            "news": [f"headline {secrets.token_hex(4)}", f"headline {secrets.token_hex(4)}"],
            "stocks": {secrets.token_hex(2).upper(): secrets.randbelow(10_000) / 100},
        }
        self.api = SlowAPI("upstream", delays=delays, data=self.data)
        self.app = self._build_app()
        self.transport = CountingTransport(self.app)
        self.client = httpx.AsyncClient(transport=self.transport, base_url=BASE)
        self.created: list[Any] = []
        self._patch(ex, monkeypatch)

    def _build_app(self) -> FastAPI:
        up = FastAPI()
        api = self.api

        @up.get("/{part}")
        async def part(part: str) -> Any:
            if part not in PARTS:
                raise HTTPException(404, f"the upstream has no /{part}")
            return await api.get(part)

        return up

    def _patch(self, ex, monkeypatch) -> None:
        upstream = self

        class AsyncClient(httpx.AsyncClient):  # named like httpx's, for Python's messages
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                upstream.created.append(self)
                kwargs["transport"] = CountingTransport(upstream.app)
                kwargs.setdefault("base_url", BASE)
                super().__init__(*args, **kwargs)

        proxy = types.ModuleType("httpx")
        proxy.__dict__.update(httpx.__dict__)
        proxy.AsyncClient = AsyncClient
        if getattr(ex, "httpx", None) is httpx:
            monkeypatch.setattr(ex, "httpx", proxy)
        if getattr(ex, "AsyncClient", None) is httpx.AsyncClient:
            monkeypatch.setattr(ex, "AsyncClient", AsyncClient)

    async def dashboard(self, ex, times: int = 1) -> tuple[list[Any], float]:
        """GET /dashboard `times` times at once; the bodies and the loop time it took."""
        app = expect_app(ex)
        await route_endpoint(app, "/dashboard")
        dependency = require(ex, "get_http_client")

        async def grader_client() -> httpx.AsyncClient:
            return self.client

        app.dependency_overrides[dependency] = grader_client
        try:
            async with self.client, asgi_client(app) as http:
                with Stopwatch() as sw:
                    results = await asyncio.gather(
                        *(_get_json(http, "/dashboard") for _ in range(times)),
                        return_exceptions=True,
                    )
        finally:
            app.dependency_overrides.pop(dependency, None)
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return results, sw.elapsed

    def expect_used_shared_client(self) -> None:
        if self.transport.requests == 0 and not self.created:
            raise fail(
                "GET /dashboard never used the client it was given. Ask for it in the route's "
                "parameters (`client: Client`, i.e. `Depends(get_http_client)`) and make the "
                "upstream calls with it; the grader hands in its own client that way."
            )


def _describe(exc: BaseException) -> str:
    """`Type: message` of the error, or of the first error inside a TaskGroup's ExceptionGroup
    (the group's own text, "unhandled errors in a TaskGroup", says nothing)."""
    inside = ""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc, inside = exc.exceptions[0], " (inside a TaskGroup)"
    text = str(exc).rstrip(".")
    return f"{type(exc).__name__}: {text}{inside}" if text else f"{type(exc).__name__}{inside}"


async def _get_json(http, url):
    error = None
    try:
        response = await http.get(url)
    except Exception as exc:
        error = _describe(exc)  # a string, not the exception: it may hold coroutines
    if error is not None:
        hint = ""
        if "Result is not set" in error:
            hint = (
                " A task's `.result()` was read before the task had finished. Inside "
                "`async with asyncio.TaskGroup() as tg:` the tasks are still running; read "
                "their results after the block, which waits for all of them."
            )
        elif "coroutine" in error:
            hint = " The answer contained a coroutine object: an `async` call in the route is missing its `await`."
        raise fail(f"GET {url} crashed inside your app with {error}.{hint}")
    if response.status_code != 200:
        raise fail(f"GET {url} answered {response.status_code}; expected 200.\n{response.text[:300]}")
    return response.json()


def _delays(exercise) -> dict[str, float]:
    return dict(exercise.timing["delays"])


@pytest.mark.task(1)
async def test_dashboard_has_all_three_parts(ex, exercise, monkeypatch):
    up = Upstream(ex, monkeypatch, _delays(exercise))
    (body,), _ = await up.dashboard(ex)
    up.expect_used_shared_client()
    if not isinstance(body, dict):
        raise fail(f'GET /dashboard returned {body!r}; expected a JSON object with "weather", "news" and "stocks".')
    missing = [p for p in PARTS if p not in body]
    if missing:
        raise fail(
            f"GET /dashboard returned the keys {sorted(body)}; missing {missing}. Fetch "
            "`/weather`, `/news` and `/stocks` from the upstream and return all three."
        )
    for part in PARTS:
        if body[part] != up.data[part]:
            raise fail(
                f'GET /dashboard returned {body[part]!r} as "{part}"; the upstream\'s '
                f"GET /{part} answered {up.data[part]!r}. Return each upstream response's "
                "JSON body (`response.json()`) unchanged."
            )


@pytest.mark.task(2)
async def test_upstream_calls_run_together(ex, exercise, monkeypatch):
    delays = _delays(exercise)
    up = Upstream(ex, monkeypatch, delays)
    _, elapsed = await up.dashboard(ex)
    up.expect_used_shared_client()
    api = up.api
    if sorted(api.keys) != sorted(PARTS):
        raise fail(
            f"One GET /dashboard made these upstream calls: {api.keys}; expected each of {list(PARTS)} exactly once."
        )
    slowest, total = max(delays.values()), sum(delays.values())
    app_loop = id(asyncio.get_running_loop())
    if any(call.loop_id != app_loop for call in api.calls):
        raise fail(
            "GET /dashboard made its 3 upstream calls on a second event loop, not on the app's "
            "(`asyncio.run(...)` inside the route starts a new loop for every request). A new "
            "loop per request is slow, blocks the worker thread that runs it, and breaks the "
            "shared client, whose connections belong to the app's loop. Make the route "
            "`async def` and `await asyncio.gather(...)` the three calls directly in it."
        )
    if api.max_in_flight < len(PARTS):
        if api.max_in_flight <= 1:
            how = f"they ran one after another ({' + '.join(secs(delays[k]) for k in api.keys)})"
        else:
            how = f"at most {api.max_in_flight} of them were running at the same time"
        raise fail(
            f"GET /dashboard took {secs(elapsed)} for 3 upstream calls: {how}. Started "
            f"together they would take {secs(slowest)}, the slowest one. Start all three, then "
            "wait for them together: `await asyncio.gather(...)` or an `asyncio.TaskGroup` "
            "inside the route. (Separate async `Depends()` do not help: FastAPI resolves "
            f"sibling dependencies one after another.)\n\n{draw_timeline(api.calls)}"
        )
    if not close_to(elapsed, slowest):
        raise fail(
            f"The 3 upstream calls ran together, but GET /dashboard took {secs(elapsed)}; the "
            f"slowest call takes {secs(slowest)} (all three in a row: {secs(total)}). "
            f"Something else in the route waited.\n\n{draw_timeline(api.calls)}"
        )


@pytest.mark.task(3)
async def test_one_shared_client(ex, exercise, monkeypatch):
    up = Upstream(ex, monkeypatch, _delays(exercise))
    await up.dashboard(ex, times=2)
    up.expect_used_shared_client()
    if up.created:
        made = len(up.created)
        raise fail(
            f"Two GET /dashboard requests created {made} new `httpx.AsyncClient` object"
            f"{'s' if made != 1 else ''} inside your app. Every client opens its own "
            "connection pool, so a new one per request (or per call) throws away open "
            "connections and pays for new ones each time. Use the one shared client the route "
            "receives from `Depends(get_http_client)` for all three calls."
        )
    if up.transport.requests != 2 * len(PARTS):
        raise fail(
            f"Two GET /dashboard requests sent {up.transport.requests} requests through the "
            f"shared client; expected {2 * len(PARTS)} (/weather, /news and /stocks, twice)."
        )
