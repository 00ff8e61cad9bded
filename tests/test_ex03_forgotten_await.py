"""Exercise 3 · The forgotten await.

The services are grader-owned fakes that record every call, so the tests can tell a call
that was made and awaited from one that only created a coroutine object. Prices, items and
the services' delays are drawn afresh for every run, so only the real calls give the answers.
"""

import random

import pytest

from awaitlings.probes import (
    SlowAPI,
    SlowDatabase,
    Stopwatch,
    close_to,
    expect_not_coroutine,
    expect_on_this_loop,
    expect_value,
    fail,
    require,
    secs,
)

MENU = ["tea", "cake", "scone", "coffee", "muffin", "juice"]


def random_delay(base: float) -> float:
    """A delay between 1.25 and 2.5 times `base`, new for every test."""
    return round(base * random.uniform(1.25, 2.5), 3)


@pytest.mark.task(1)
async def test_get_price_returns_the_price(ex, exercise):
    get_price = require(ex, "get_price", coroutine=True)
    delay = random_delay(exercise.timing["delay"])
    prices = {item: random.randint(305, 995) / 100 for item in MENU}
    item = random.choice(["tea", "cake"])
    api = SlowAPI(delay=delay, data=prices)
    with Stopwatch() as sw:
        price = await get_price(api, item)
    expect_not_coroutine(price, f'get_price(api, "{item}")')
    expect_on_this_loop(api, "get_price")
    expect_value(api.keys, [item], "the items asked of the API")
    expect_value(price, prices[item], f'await get_price(api, "{item}")')
    if api.completed != 1 or not close_to(sw.elapsed, delay):
        raise fail(
            f"get_price took {secs(sw.elapsed)}; the API answers in {secs(delay)}. Await the API call exactly once."
        )


@pytest.mark.task(2)
async def test_place_order_saves_before_returning(ex, exercise):
    place_order = require(ex, "place_order", coroutine=True)
    delay = random_delay(exercise.timing["delay"])
    order_id = f"A{random.randint(10, 99)}"
    items = random.sample(MENU, random.randint(2, 4))  # one item would pass an answer that saves only the first
    db = SlowDatabase(delay=delay)
    with Stopwatch() as sw:
        message = await place_order(db, order_id, items)
    expect_on_this_loop(db, "place_order")
    if db.saved != {order_id: items}:
        raise fail(
            f"place_order() returned after {secs(sw.elapsed)}, but by then the order was never "
            f"saved in the database (it holds {db.saved}). `db.save(...)` without `await` only creates "
            "a coroutine object and the save never runs; a save you do not await may not have "
            "finished. Write `await db.save(order_id, items)`."
        )
    expect_value(message, f"order {order_id} placed", f"place_order(db, {order_id!r}, ...)")
    if not close_to(sw.elapsed, delay):
        raise fail(f"place_order took {secs(sw.elapsed)}; saving takes {secs(delay)}.")
