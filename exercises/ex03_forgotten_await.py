"""Exercise 3 · The forgotten await

The most common async bug is a missing `await`. Calling an `async def` function without
`await` does not run it: you get a coroutine object back, the work never happens, and Python
only grumbles later: "RuntimeWarning: coroutine '...' was never awaited".

    price = api.get("tea")          # a coroutine object, not a price! nothing was sent
    price = await api.get("tea")    # 2.5

`api` and `db` below are slow services whose methods are coroutine functions:
`await api.get(item)` returns a price, `await db.save(order_id, items)` stores an order.

Your tasks:
  1. `get_price(api, item)` returns the item's price, not a coroutine object.
  2. `place_order(db, order_id, items)` has really saved the order when it returns.

Check your work:  pytest tests/test_ex03_forgotten_await.py     Stuck?  awaitlings hint 3
"""

from typing import Any


async def get_price(api: Any, item: str) -> float:
    price = api.get(item)  # TODO: something is missing on this line
    return price


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    db.save(order_id, items)  # TODO: and on this one
    return f"order {order_id} placed"


if __name__ == "__main__":  # `python exercises/ex03_forgotten_await.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
