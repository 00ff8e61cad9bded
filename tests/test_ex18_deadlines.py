"""Exercise 18 · Deadlines, graded through real ASGI (httpx + ASGITransport) on the virtual clock.

The upstream is a grader-owned fake given to the app by overriding the `get_weather`
dependency (`app.dependency_overrides`). It records when each call started and ended and
whether it was cancelled, so a deadline that leaves the upstream call running is caught.
"""

import asyncio
import random
import secrets
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from awaitlings.engine.servers import asgi_call
from awaitlings.probes import (
    SlowAPI,
    Stopwatch,
    close_to,
    expect_app,
    fail,
    gather_requests,
    now,
    require,
    secs,
    timed,
)

CITIES = ["oslo", "lima", "cairo", "perth", "quito", "hanoi"]


def upstream(**kwargs) -> SlowAPI:
    """A weather service whose forecasts nobody can guess."""
    data = {city: {"sky": f"sky-{secrets.token_hex(3)}", "temp": random.randint(-20, 40)} for city in CITIES}
    return SlowAPI("weather service", data=data, **kwargs)


def app_using(ex, monkeypatch, api: SlowAPI) -> Any:
    """The student's app, its `get_weather` dependency replaced by `api`."""
    app = expect_app(ex)
    get_weather = require(ex, "get_weather")

    async def give_api() -> SlowAPI:  # async: a `def` override would run in a thread pool,
        return api  # and a busy thread makes the virtual clock follow the real one

    monkeypatch.setitem(app.dependency_overrides, get_weather, give_api)
    return app


@asynccontextmanager
async def app_with(ex, monkeypatch, api):
    """An httpx client for the student's app, its `get_weather` dependency replaced by `api`.

    Exceptions the route lets escape become a 500 response (as with a real server)
    instead of being raised in the test.
    """
    app = app_using(ex, monkeypatch, api)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


CRASHED = (
    "the route crashed before the weather service got the call (the error your app raised "
    "is shown with this message). Fix that error first."
)


def expect_upstream_used(api: SlowAPI, answered: list[tuple[str, int | None]] = ()) -> None:
    """The route called the weather service; `answered` (url, status) tells a route that crashed
    (a 500 with no call made) from one that never tried."""
    if api.calls:
        return
    crashed = [url for url, status in answered if status == 500]
    if crashed:
        raise fail(f"{crashed[0]} answered 500 Internal Server Error: {CRASHED}")
    if not api.calls:
        raise fail(
            "The route never called the weather service the test gave it. Ask it with "
            "`await weather.get(city)`, where the route's parameter `weather` comes from "
            "`Depends(get_weather)` (the test replaces `get_weather`)."
        )


def expect_forecast(response: httpx.Response, city: str, api: SlowAPI, took: float) -> None:
    url = f"GET /forecast/{city}"
    if response.status_code == 404:
        raise fail(f"{url} answered 404 Not Found: the app has no /forecast/{{city}} route.")
    if response.status_code == 500 and not api.calls:
        raise fail(f"{url} answered 500 Internal Server Error after {secs(took)}: {CRASHED}")
    if response.status_code != 200:
        raise fail(
            f"{url} answered {response.status_code} after {secs(took)}, although the weather "
            f"service answers in {secs(api.delay_for(city))}; expected 200 with the forecast."
            f"\n{response.text[:300]}"
        )
    expected = {"city": city, "forecast": api.data[city]}
    if response.json() != expected:
        raise fail(f"{url} returned {response.json()!r}; expected {expected!r}.")


def _statuses(cities: list[str], answers: list[tuple[httpx.Response, float]]) -> list[tuple[str, int]]:
    return [(f"GET /forecast/{c}", r.status_code) for c, (r, _) in zip(cities, answers, strict=True)]


@pytest.mark.task(1)
async def test_fast_upstream_gets_200_with_the_forecast(ex, exercise, monkeypatch):
    fast = exercise.timing["fast"]
    api = upstream(delay=fast)
    cities = CITIES[:3]
    async with app_with(ex, monkeypatch, api) as client:
        with Stopwatch() as sw:  # `def get_weather` runs in a thread: allow its time (load)
            answers = await gather_requests(*(timed(client.get(f"/forecast/{c}")) for c in cities))
    for city, (response, took) in zip(cities, answers, strict=True):
        expect_forecast(response, city, api, took)
    expect_upstream_used(api, _statuses(cities, answers))
    for city, (_, took) in zip(cities, answers, strict=True):
        if not close_to(took, fast, threads=sw.thread_time):
            raise fail(
                f"GET /forecast/{city} took {secs(took)}, but the weather service answered in "
                f"{secs(fast)}. Answer as soon as the upstream does: the deadline is a limit, "
                "not a wait (don't sleep for the deadline, await the call itself)."
            )


@pytest.mark.task(2)
async def test_slow_upstream_gets_504_at_the_deadline(ex, exercise, monkeypatch):
    fast, slow, deadline = (exercise.timing[k] for k in ("fast", "slow", "deadline"))
    cities = CITIES[:4]
    slow_cities = set(random.sample(cities, 2))
    api = upstream(delay=fast, delays=dict.fromkeys(slow_cities, slow))
    async with app_with(ex, monkeypatch, api) as client:
        with Stopwatch() as sw:
            answers = await gather_requests(*(timed(client.get(f"/forecast/{c}")) for c in cities))
        # A wrong answer that leaves upstream calls running is task 3's business: let them end.
        await asyncio.sleep(slow)
    expect_upstream_used(api, _statuses(cities, answers))
    for city, (response, took) in zip(cities, answers, strict=True):
        if city not in slow_cities:
            expect_forecast(response, city, api, took)
            continue
        url = f"GET /forecast/{city}"
        status = response.status_code
        if status == 200:
            raise fail(
                f"{url} answered 200 after {secs(took)}: the weather service took {secs(slow)} "
                f"and the route waited for it. The deadline is {secs(deadline)}: wrap the call "
                "in `async with asyncio.timeout(DEADLINE):` (or `asyncio.wait_for`) and answer "
                "504 when it runs out."
                if close_to(took, slow, threads=sw.thread_time)
                else f"{url} answered 200 after {secs(took)}, but the weather service had not answered "
                f"yet (it takes {secs(slow)}). When the deadline passes, answer 504 Gateway "
                "Timeout, not 200."
            )
        if status == 500:
            raise fail(
                f"{url} answered 500 Internal Server Error after {secs(took)}: the TimeoutError "
                "escaped the route. Catch it (`except TimeoutError:`) and answer 504 Gateway "
                "Timeout with a JSON error body."
            )
        if status != 504:
            raise fail(
                f"{url} answered {status} when the weather service was too slow; a gateway "
                "that gives up on its upstream answers 504 Gateway Timeout."
            )
        if not close_to(took, deadline, threads=sw.thread_time):
            raise fail(
                f"{url} answered 504 after {secs(took)}; it should come right at the deadline, "
                f"{secs(deadline)} (DEADLINE), while the weather service (which takes "
                f"{secs(slow)}) is still working. Put the deadline around the upstream call itself."
            )
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not body:
            raise fail(
                f"{url} answered 504 with the body {response.text[:200]!r}, which is not a JSON "
                'object. Send a JSON error body, e.g. `raise HTTPException(504, detail="...")`.'
            )
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        if media_type != "application/json":
            raise fail(
                f"{url} answered 504 with JSON text, but served it as {media_type or 'no content type'!r}: a "
                "client reads it as JSON only when it says `application/json`. Let FastAPI send it: "
                '`raise HTTPException(504, detail="...")` or `JSONResponse({...}, status_code=504)`.'
            )


@pytest.mark.task(3)
async def test_timed_out_upstream_call_is_cancelled(ex, exercise, monkeypatch):
    slow, deadline = exercise.timing["slow"], exercise.timing["deadline"]
    api = upstream(delay=slow)
    cities = CITIES[2:5]
    async with app_with(ex, monkeypatch, api) as client:
        answers = await gather_requests(*(client.get(f"/forecast/{c}") for c in cities))
        expect_upstream_used(api, [(f"GET /forecast/{c}", r.status_code) for c, r in zip(cities, answers, strict=True)])
        running = [c.key for c in api.calls if c.outcome == "running"]
        if running:
            raise fail(
                f"After the routes answered ({[r.status_code for r in answers]}), the weather "
                f"service was still working on {running}: the upstream calls were left running "
                f"when the deadline passed. Nobody will read their answers, but they hold "
                "connections and work. Let the timeout cancel the call itself: "
                "`async with asyncio.timeout(DEADLINE): data = await weather.get(city)` "
                "(no `create_task` + `asyncio.wait`, no `asyncio.shield`)."
            )
    finished = [c.key for c in api.calls if c.outcome == "done"]
    if finished:
        raise fail(
            f"The weather service finished {finished} (it takes {secs(slow)}) although the "
            f"deadline is {secs(deadline)}: the calls were not cancelled at the deadline."
        )


@pytest.mark.task(3)
async def test_only_the_timeout_becomes_504(ex, exercise, monkeypatch):
    fast = exercise.timing["fast"]
    city = random.choice(CITIES)
    api = upstream(delay=fast, fail={city})
    async with app_with(ex, monkeypatch, api) as client:
        response, took = await timed(client.get(f"/forecast/{city}"))
    expect_upstream_used(api, [(f"GET /forecast/{city}", response.status_code)])
    if response.status_code == 504:
        raise fail(
            f"The weather service failed after {secs(took)} (it raised an error, well before the "
            "deadline), and the route answered 504 Gateway Timeout. That was not a timeout: "
            "the `except` catches too much. Catch only `TimeoutError` (not `Exception`, not a "
            "bare `except:`) and let other errors through."
        )
    if response.status_code < 500:
        raise fail(
            f"The weather service failed (raised an error), and the route answered "
            f"{response.status_code}. Don't hide upstream errors: let them through (a 500), or "
            "answer 502 Bad Gateway."
        )


@pytest.mark.task(3)
async def test_a_cancelled_request_is_not_a_timeout(ex, exercise, monkeypatch):
    slow, deadline = exercise.timing["slow"], exercise.timing["deadline"]
    api = upstream(delay=slow)
    app = app_using(ex, monkeypatch, api)
    city = random.choice(CITIES)
    request = asyncio.create_task(asgi_call(app, "GET", f"/forecast/{city}"))
    gone = deadline / 2.5  # well before the deadline
    start = now()
    await asyncio.sleep(gone)
    request.cancel()  # as a server does when the client goes away, or when it shuts down
    try:
        exchange = await request
    except asyncio.CancelledError:
        return  # the cancellation went through the route: right
    expect_upstream_used(api, [(f"GET /forecast/{city}", 500 if exchange.error else exchange.status)])
    raise fail(
        f"GET /forecast/{city} was cancelled from outside {secs(now() - start)} after it "
        f"started (the client went away, or the server is shutting down), before the "
        f"deadline of {secs(deadline)}, and the route answered {exchange.status} anyway: "
        "it caught the cancellation (`asyncio.CancelledError`) and carried on. That was not "
        "a timeout: never catch CancelledError. Catch only `TimeoutError`, outside the "
        "`async with asyncio.timeout(DEADLINE):` block, which raises it when the time is up."
    )
