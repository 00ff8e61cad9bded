"""Exercise 3 · The forgotten await.

The services are grader-owned fakes that record every call, so the tests can tell a call
that was made and awaited from one that only created a coroutine object.
"""

import pytest

from awaitlings.probes import (
    SlowAPI,
    SlowDatabase,
    Stopwatch,
    close_to,
    expect_value,
    fail,
    require,
    secs,
)


@pytest.mark.task(1)
async def test_get_price_returns_the_price(ex, exercise):
    get_price = require(ex, "get_price", coroutine=True)
    delay = exercise.timing["delay"]
    api = SlowAPI(delay=delay, data={"tea": 2.5, "cake": 3.0})
    with Stopwatch() as sw:
        price = await get_price(api, "tea")
    expect_value(price, 2.5, 'await get_price(api, "tea")')
    expect_value(api.keys, ["tea"], "the items asked of the API")
    if api.completed != 1 or not close_to(sw.elapsed, delay):
        raise fail(
            f"get_price took {secs(sw.elapsed)}; the API answers in {secs(delay)}. "
            "Await the API call exactly once."
        )


@pytest.mark.task(2)
async def test_place_order_saves_before_returning(ex, exercise):
    place_order = require(ex, "place_order", coroutine=True)
    delay = exercise.timing["delay"]
    db = SlowDatabase(delay=delay)
    with Stopwatch() as sw:
        message = await place_order(db, "A1", ["tea", "cake"])
    if db.saved != {"A1": ["tea", "cake"]}:
        raise fail(
            "place_order() returned, but the order was never saved in the database "
            f"(it holds {db.saved}). `db.save(...)` without `await` only creates a coroutine "
            "object; the save never runs."
        )
    expect_value(message, "order A1 placed", "place_order(db, 'A1', ...)")
    if not close_to(sw.elapsed, delay):
        raise fail(f"place_order took {secs(sw.elapsed)}; saving takes {secs(delay)}.")
