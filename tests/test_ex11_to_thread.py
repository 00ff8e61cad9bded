"""Exercise 11 · Blocking libraries in async code.

The weather client is a grader-owned `BlockingClient`: it really sleeps, and records for
every call whether it ran on the event loop's thread and how many calls were in flight at
once. These tests run on the real clock (threads are involved) and judge with those
counters and the loop-lag heartbeat; the one wall-clock bound is wide (3x the ideal).
"""

import inspect
import random
from collections.abc import Awaitable
from typing import Any

import pytest

from awaitlings.probes import BlockingClient, Stopwatch, expect_value, fail, require, secs

CITIES = ["Lagos", "Oslo", "Lima", "Perth", "Quito", "Hanoi", "Tunis", "Riga"]


def weather_client(exercise: Any) -> tuple[BlockingClient, dict[str, str]]:
    """A client built here, on the loop's thread, with weather nobody can guess."""
    data = {city: f"{random.randint(-15, 40)}°C, {random.choice(['sun', 'rain', 'fog'])}"
            for city in CITIES}
    client = BlockingClient("weather client", delay=exercise.timing["delay"], data=data)
    return client, data


async def graded(awaitable: Awaitable[Any], client: BlockingClient, what: str) -> Any:
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


def expect_off_loop(client: BlockingClient, what: str) -> None:
    on_loop = client.calls_on_loop_thread
    if not client.calls:
        raise fail(f"{what} never called `client.get`. Ask the client for the weather.")
    if on_loop:
        raise fail(
            f"{on_loop} of {len(client.calls)} `client.get` calls ran on the event loop's own "
            "thread, so the whole loop stood still for "
            f"{secs(client.delay)} each time. Writing the call inside an `async def` does not "
            "change that: a blocking call blocks whatever thread runs it. Hand it to a worker "
            "thread and await the result: `await asyncio.to_thread(client.get, city)`."
        )


@pytest.mark.task(1)
@pytest.mark.realtime
async def test_fetch_weather_runs_in_a_worker_thread(ex, exercise):
    fetch_weather = require(ex, "fetch_weather", coroutine=True)
    client, data = weather_client(exercise)
    city = random.choice(CITIES)
    result = await graded(fetch_weather(client, city), client, f'fetch_weather(client, "{city}")')
    expect_results_not_coroutines(result, f'fetch_weather(client, "{city}")')
    expect_off_loop(client, f'fetch_weather(client, "{city}")')
    expect_value(result, data[city], f'fetch_weather(client, "{city}")')
    if client.keys != [city]:
        raise fail(f'fetch_weather(client, "{city}") called client.get with {client.keys}; '
                   f'expected one call, client.get("{city}").')


@pytest.mark.task(2)
@pytest.mark.realtime
async def test_fetch_all_waits_for_every_city_at_once(ex, exercise, wallclock_factor):
    fetch_all = require(ex, "fetch_all", coroutine=True)
    client, data = weather_client(exercise)
    cities = random.sample(CITIES, exercise.timing["calls"])
    delay = client.delay
    what = f"fetch_all(client, {cities})"
    with Stopwatch() as sw:
        result = await graded(fetch_all(client, cities), client, what)
    expect_results_not_coroutines(result, what)
    expect_off_loop(client, what)
    expect_value(result, [data[c] for c in cities], what)
    made, n = len(client.calls), len(cities)
    if made != n:
        raise fail(f"{what} called client.get {made} times; expected {n}, once per city.")
    if client.max_in_flight < n:
        how = ("they ran one after another" if client.max_in_flight <= 1
               else f"at most {client.max_in_flight} were waiting at the same time")
        raise fail(
            f"{n} blocking calls of {secs(delay)} took {secs(sw.real_elapsed)}: {how}. Each "
            "call has its own thread to wait in, so start them all first and then await them "
            "together: `await asyncio.gather(...)` or an `asyncio.TaskGroup`. (If you made "
            "your own ThreadPoolExecutor, give it at least one worker per call.)"
        )
    bound = delay * wallclock_factor
    if sw.real_elapsed > bound:
        raise fail(
            f"{n} blocking calls of {secs(delay)} were all in flight at once, yet fetch_all took "
            f"{secs(sw.real_elapsed)} (more than {secs(bound)}). Something else in your code "
            "waited too: return as soon as all the calls are done."
        )
