"""Exercise 11 · Blocking libraries in async code.

The weather client is a grader-owned `BlockingClient`: it really sleeps, and records for
every call whether it ran on the event loop's thread and how many calls were in flight at
once. These tests run on the real clock (threads are involved) and judge with those
counters and the loop-lag heartbeat; the one wall-clock bound is wide (3x the ideal).

Task 2 asks for the weather "in the order given". Each city answers after its own delay, and
the cities are given in an order the answers do not come back in (the reverse of it, or a
shuffle of it), and every city's weather is different: results kept in the order the calls
finished (`as_completed`, `asyncio.wait`'s `done` set, appending as each one ends) fail.
"""

import inspect
import random
from collections import Counter
from collections.abc import Awaitable
from types import MappingProxyType
from typing import Any

import pytest

from awaitlings.probes import (
    BlockingClient,
    Stopwatch,
    draw_timeline,
    expect_value,
    fail,
    not_waited_note,
    require,
    secs,
)

CITIES = ["Lagos", "Oslo", "Lima", "Perth", "Quito", "Hanoi", "Tunis", "Riga"]


class WeatherClient(BlockingClient):
    """A BlockingClient whose cities may each take their own time to answer (`delays`)."""

    def __init__(
        self, name: str, *, delay: float, delays: dict[str, float] | None = None, data: dict[str, str] | None = None
    ) -> None:
        # One call on the loop's thread settles the verdict: the rest answer at once.
        super().__init__(name, delay=delay, data=data, loop_waits=1)
        self.delays = MappingProxyType(dict(delays or {}))  # sealed like `delay` once built

    def get(self, key: Any) -> Any:
        return self._blocking_get(key, self.delays.get(key, self.delay))

    @property
    def slowest(self) -> float:
        return max(self.delays.values(), default=self.delay)


_GET = WeatherClient.get  # put back if code under test replaces it


def expect_client_untouched() -> None:
    if vars(WeatherClient).get("get") is not _GET:
        type.__setattr__(WeatherClient, "get", _GET)
        raise fail(
            "Your code replaced the weather client's `get` method. Call the client as it "
            "is: `await asyncio.to_thread(client.get, city)`."
        )


def weather_client(exercise: Any, delays: dict[str, float] | None = None) -> tuple[WeatherClient, dict[str, str]]:
    """A client built here, on the loop's thread, with weather nobody can guess: every city's
    weather is different, so results in another order cannot look right."""
    temperatures = random.sample(range(-15, 41), len(CITIES))
    data = {
        city: f"{t}°C, {random.choice(['sun', 'rain', 'fog'])}" for city, t in zip(CITIES, temperatures, strict=True)
    }
    client = WeatherClient("weather client", delay=exercise.timing["delay"], delays=delays, data=data)
    return client, data


def cities_and_delays(exercise: Any, order: str) -> tuple[list[str], dict[str, float]]:
    """`calls` cities and a delay for each, all different, so the calls finish in an order
    that is not the order given: the exact reverse of it, or a shuffle of it."""
    n, delay, step = exercise.timing["calls"], exercise.timing["delay"], exercise.timing["step"]
    cities = random.sample(CITIES, n)
    finishing = list(cities)  # finishing[0] answers first
    if order == "reversed":
        finishing.reverse()
    else:
        while finishing == cities or finishing == cities[::-1]:
            random.shuffle(finishing)
    return cities, {city: round(delay + i * step, 3) for i, city in enumerate(finishing)}


async def graded(awaitable: Awaitable[Any], client: WeatherClient, what: str) -> Any:
    """Await the student's coroutine; explain `to_thread(client.get(city))`."""
    try:
        return await awaitable
    except TypeError as exc:
        if client.calls and client.calls_on_loop_thread == len(client.calls):
            raise fail(
                f"{what} raised TypeError: {exc}. `client.get(...)` was called right away, on "
                "the event loop's thread, and its result (a string) was handed to the thread "
                "pool, which cannot call a string. Pass the function and its arguments "
                "separately: `asyncio.to_thread(client.get, city)`."
            ) from None
        raise


def expect_results_not_coroutines(result: Any, what: str) -> None:
    """A forgotten `await` on `to_thread` leaves coroutine objects where strings belong."""
    items = result if isinstance(result, list | tuple) else [result]
    pending = [item for item in items if inspect.isawaitable(item)]
    if pending:
        for item in pending:
            if inspect.iscoroutine(item):
                item.close()  # explained here; no second "never awaited" warning
        kind = type(pending[0]).__name__
        got = f"a {kind} object" if len(pending) == 1 else f"{len(pending)} {kind} objects"
        raise fail(
            f"{what} gave back {got} instead of the weather. `asyncio.to_thread(...)` (like "
            "`loop.run_in_executor(...)`) gives you something to await; the call only happens "
            "when you `await` it. Write `return await asyncio.to_thread(client.get, city)`."
        )


def waits(client: WeatherClient) -> str:
    """How long one call waits: "0.3 s", or "0.3 s to 0.7 s" when the cities differ."""
    shortest = min(client.delays.values(), default=client.delay)
    return secs(shortest) if shortest == client.slowest else f"{secs(shortest)} to {secs(client.slowest)}"


def picture(client: WeatherClient, since: float | None = None) -> str:
    """When each call ran (real time: the test's loop and the client share that clock), to
    end a message with; nothing for a single call."""
    return f"\n\n{draw_timeline(client.calls, since=since)}" if len(client.calls) > 1 else ""


def expect_off_loop(client: WeatherClient, what: str, since: float | None = None) -> None:
    on_loop = client.calls_on_loop_thread
    if not client.calls:
        raise fail(f"{what} never called `client.get`. Ask the client for the weather.")
    if on_loop:
        raise fail(
            f"{on_loop} of {len(client.calls)} `client.get` calls ran on the event loop's own "
            "thread, so the whole loop stood still for "
            f"{waits(client)} each time. Writing the call inside an `async def` does not "
            "change that: a blocking call blocks whatever thread runs it. Hand it to a worker "
            "thread and await the result: `await asyncio.to_thread(client.get, city)`."
            f"{picture(client, since)}{not_waited_note(client)}"
        )


@pytest.mark.task(1)
@pytest.mark.realtime
async def test_fetch_weather_runs_in_a_worker_thread(ex, exercise):
    fetch_weather = require(ex, "fetch_weather", coroutine=True)
    client, data = weather_client(exercise)
    city = random.choice(CITIES)
    result = await graded(fetch_weather(client, city), client, f'fetch_weather(client, "{city}")')
    expect_client_untouched()
    expect_results_not_coroutines(result, f'fetch_weather(client, "{city}")')
    expect_off_loop(client, f'fetch_weather(client, "{city}")')
    expect_value(result, data[city], f'fetch_weather(client, "{city}")')
    if client.keys != [city]:
        raise fail(
            f'fetch_weather(client, "{city}") called client.get with {client.keys}; '
            f'expected one call, client.get("{city}").'
        )


def expect_in_given_order(
    result: Any, cities: list[str], data: dict[str, str], client: WeatherClient, what: str
) -> None:
    expected = [data[c] for c in cities]
    if (
        isinstance(result, list | tuple)
        and result != expected
        and Counter(map(repr, result)) == Counter(map(repr, expected))
    ):
        finished = [data[c] for c in client.completion_order()]
        how = "in the order the calls finished" if list(result) == finished else "in another order than `cities`"
        raise fail(
            f"{what} returned the right weather, but {how}: {list(result)!r}; expected "
            f"{expected!r}, one entry per city in the order given. Each city takes its own time "
            "to answer, so the calls finish in their own order. `asyncio.gather(...)` gives the "
            "results in the order of its arguments; with `asyncio.as_completed` or "
            "`asyncio.wait`, put each result back at its city's place."
        )
    expect_value(result, expected, what)


@pytest.mark.task(2)
@pytest.mark.realtime
@pytest.mark.parametrize("order", ["reversed", "shuffled"])
async def test_fetch_all_waits_for_every_city_at_once(ex, exercise, wallclock_factor, order):
    fetch_all = require(ex, "fetch_all", coroutine=True)
    cities, delays = cities_and_delays(exercise, order)
    client, data = weather_client(exercise, delays)
    while [data[c] for c in cities] in (
        sorted(data[c] for c in cities),
        sorted((data[c] for c in cities), reverse=True),
    ):
        client, data = weather_client(exercise, delays)  # sorted weather must not look right
    what = f"fetch_all(client, {cities})"
    with Stopwatch() as sw:
        result = await graded(fetch_all(client, cities), client, what)
    expect_client_untouched()
    expect_results_not_coroutines(result, what)
    expect_off_loop(client, what, sw.start)
    expect_in_given_order(result, cities, data, client, what)
    made, n = len(client.calls), len(cities)
    if made != n:
        raise fail(f"{what} called client.get {made} times; expected {n}, once per city.")
    if client.max_in_flight < n:
        how = (
            "they ran one after another"
            if client.max_in_flight <= 1
            else f"at most {client.max_in_flight} were waiting at the same time"
        )
        raise fail(
            f"{n} blocking calls of {waits(client)} took "
            f"{secs(sw.real_elapsed)}: {how}. Each "
            "call has its own thread to wait in, so start them all first and then await them "
            "together: `await asyncio.gather(...)` or an `asyncio.TaskGroup`. (If you made "
            "your own ThreadPoolExecutor, give it at least one worker per call.)"
            f"{picture(client, sw.start)}"
        )
    bound = client.slowest * wallclock_factor
    if sw.real_elapsed > bound:
        raise fail(
            f"{n} blocking calls of at most {secs(client.slowest)} were all in flight at once, yet "
            f"fetch_all took {secs(sw.real_elapsed)} (more than {secs(bound)}). Something else in "
            "your code waited too: return as soon as all the calls are done."
            f"{picture(client, sw.start)}"
        )
