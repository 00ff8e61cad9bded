"""Exercise 15 · `def` or `async def`?, graded through real ASGI (httpx + ASGITransport).

The routes get grader-owned clients through `app.dependency_overrides` (the stub's
`get_station_client` / `get_forecast_client`). The blocking `BlockingClient` records which
thread called it and how many calls overlapped; the async `SlowAPI` records the event loop
that awaited each call. Both tests run on the real clock: FastAPI's thread pool is involved,
and a wrong answer that runs a second event loop in a worker thread looks idle to the
virtual clock (its thread waits in `select`), which would then race to the deadline.
"""

import asyncio
import inspect
import math
import os
import secrets

import pytest

from awaitlings.probes import (
    BlockingClient,
    SlowAPI,
    Stopwatch,
    asgi_client,
    draw_timeline,
    expect_app,
    expect_async_handler,
    fail,
    not_waited_note,
    require,
    route_endpoint,
    runs_on_loop,
    secs,
)

STATIONS = "/stations/{station_id}"
FORECAST = "/forecast/{city}"


async def _get_json(http, url):
    error = None
    try:
        response = await http.get(url)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"  # not the exception: it may hold coroutines
    if error is not None:
        hint = ""
        if "coroutine" in error:
            hint = " The answer contained a coroutine object: an `async` call in the route is missing its `await`."
        raise fail(f"GET {url} crashed inside your app with {error}.{hint}")
    if response.status_code != 200:
        raise fail(f"GET {url} answered {response.status_code}; expected 200.\n{response.text[:300]}")
    try:
        return response.json()
    except ValueError:
        raise fail(f"GET {url} did not answer JSON: {response.text[:200]!r}") from None


async def _get_all(http, urls):
    """Fire all requests at once; wait for every one of them before reporting a failure."""
    results = await asyncio.gather(*(_get_json(http, url) for url in urls), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def _override(app, dependency, client):
    async def grader_client():
        return client

    app.dependency_overrides[dependency] = grader_client


def _expect_bodies(bodies, expected, path, client, dependency):
    if not client.calls:
        raise fail(
            f"The {path} route answered without calling the client it was given. Ask for the "
            f"client with `client = Depends({dependency})` and call `client.get(...)` with the "
            "value from the URL (the grader hands in its own client that way)."
        )
    for body, want in zip(bodies, expected, strict=True):
        if body != want:
            raise fail(f"{path} answered {body!r}; expected {want!r}.")


@pytest.mark.task(1)
@pytest.mark.realtime
async def test_blocking_client_keeps_the_loop_free(ex, exercise, wallclock_factor):
    app = expect_app(ex)
    endpoint = await route_endpoint(app, STATIONS.format(station_id="st-probe"))
    dependency = require(ex, "get_station_client")
    delay, n = exercise.timing["blocking_delay"], exercise.timing["requests"]
    ids = [f"st-{secrets.token_hex(3)}" for _ in range(n)]
    data = {i: f"{secrets.randbelow(400) / 10:.1f} °C" for i in ids}
    # Built here, on the event loop's thread: it records calls made from that thread.
    # One call on the loop's thread settles the verdict: the rest answer at once (`loop_waits`).
    client = BlockingClient("station client", delay=delay, data=data, loop_waits=1)
    _override(app, dependency, client)
    try:
        async with asgi_client(app) as http:
            with Stopwatch() as sw:
                bodies = await _get_all(http, [f"/stations/{i}" for i in ids])
    finally:
        app.dependency_overrides.pop(dependency, None)
    _expect_bodies(bodies, [{"station": i, "reading": data[i]} for i in ids], STATIONS, client, "get_station_client")
    # Real time (the test runs on the real clock): the client and the loop share that clock.
    picture = draw_timeline(client.calls, since=sw.start, until=sw.start + sw.elapsed)
    on_loop = client.calls_on_loop_thread
    skipped = not_waited_note(client)
    if on_loop:
        measured = (
            f"{on_loop} of {n} calls to the blocking station client ran on the event "
            f"loop's thread. Each one freezes the loop for {secs(delay)}, so those requests "
            f"take {secs(on_loop * delay)}, one after another."
        )
        inner = inspect.unwrap(endpoint) if inspect.isfunction(endpoint) else endpoint
        if inner is not endpoint and runs_on_loop(endpoint) and not inspect.iscoroutinefunction(inner):
            name = getattr(inner, "__name__", "the route")
            raise fail(
                f"{measured} Your route `{name}` is a plain `def`, but a decorator wraps it in "
                "an `async def` wrapper, and FastAPI looks at what the decorator returns: a "
                "coroutine function, which it runs on the event loop, blocking call and all. "
                "Make the decorator's wrapper a plain `def` too (FastAPI then runs it in a "
                "worker thread), or have the async wrapper call the function through "
                f"`await asyncio.to_thread(func, *args, **kwargs)`.\n\n{picture}{skipped}"
            )
        raise fail(
            f"{measured} Make the route a plain `def` (FastAPI then runs it in a worker "
            "thread), or keep `async def` and call the client through "
            f"`await asyncio.to_thread(client.get, ...)`.\n\n{picture}{skipped}"
        )
    # The fewest threads a correct answer gets: `asyncio.to_thread`'s default pool has
    # min(32, cores + 4) threads (a `def` route gets anyio's 40). A pool of your own that is
    # smaller makes requests wait for a free thread.
    cores = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    enough = min(n, 32, cores + 4)
    if client.max_in_flight < enough:
        raise fail(
            f"{n} requests at once took {secs(sw.elapsed)}: at most {client.max_in_flight} "
            f"blocking call(s) ran at the same time (expected at least {enough}). The calls left "
            "the event loop, but still waited for each other or for a free thread. Let each "
            "request run its call in its own worker thread: a plain `def` route, or "
            f"`await asyncio.to_thread(client.get, ...)` (not a small pool of your own).\n\n{picture}"
        )
    rounds = math.ceil(n / client.max_in_flight)
    bound = wallclock_factor * rounds * delay
    if sw.elapsed > bound:
        raise fail(
            f"{n} requests took {secs(sw.elapsed)} of real time; with {client.max_in_flight} "
            f"blocking calls of {secs(delay)} at a time they should take about "
            f"{secs(rounds * delay)} (allowed: {secs(bound)}). Something else in the route waits."
            f"\n\n{picture}"
        )


@pytest.mark.task(2)
async def test_forecast_route_is_async_def(ex):
    await expect_async_handler(
        expect_app(ex),
        FORECAST.format(city="probe"),
        why="In a worker thread nothing can be awaited, so an async client there needs tricks (a "
        "second event loop per request, or a thread parked while the loop does the work). Write it "
        "as `async def` and `await client.get(city)`.",
    )


@pytest.mark.task(2)
@pytest.mark.realtime  # a second event loop in a worker thread looks idle to the virtual clock
async def test_async_client_awaited_on_the_apps_loop(ex, exercise, wallclock_factor):
    app = expect_app(ex)
    await route_endpoint(app, FORECAST.format(city="probe"))
    dependency = require(ex, "get_forecast_client")
    delay, n = exercise.timing["async_delay"], exercise.timing["requests"]
    cities = [f"city-{secrets.token_hex(3)}" for _ in range(n)]
    data = {c: f"{secrets.choice(['rain', 'sun', 'fog', 'snow'])} {secrets.randbelow(99)}%" for c in cities}
    api = SlowAPI("forecast client", delay=delay, data=data)
    _override(app, dependency, api)
    try:
        async with asgi_client(app) as http:
            with Stopwatch() as sw:
                bodies = await _get_all(http, [f"/forecast/{c}" for c in cities])
    finally:
        app.dependency_overrides.pop(dependency, None)
    _expect_bodies(bodies, [{"city": c, "forecast": data[c]} for c in cities], FORECAST, api, "get_forecast_client")
    app_loop = id(asyncio.get_running_loop())
    others = [c for c in api.calls if c.loop_id != app_loop]
    if others:
        raise fail(
            f"{len(others)} of {len(api.calls)} forecast calls were awaited on a different event "
            "loop than the app's (e.g. `asyncio.run(...)` in a worker thread starts a new loop "
            "for every request). Clients, connections and locks belong to one loop; a second "
            "loop per request is slow and breaks them. Make the route `async def` and "
            "`await client.get(city)` directly."
        )
    picture = draw_timeline(api.calls, since=sw.start, until=sw.start + sw.elapsed)
    if api.max_in_flight < n:
        raise fail(
            f"{n} requests at once took {secs(sw.elapsed)}: at most {api.max_in_flight} forecast "
            f"calls ran at the same time, so requests waited for each other. An `async def` "
            "route that simply awaits the client lets the loop serve all of them together."
            f"\n\n{picture}"
        )
    if sw.elapsed > wallclock_factor * delay:
        raise fail(
            f"{n} requests at once took {secs(sw.elapsed)} of real time; each forecast call "
            f"takes {secs(delay)}, so they should all be done in about {secs(delay)}. "
            f"Something else in the route waits.\n\n{picture}"
        )
