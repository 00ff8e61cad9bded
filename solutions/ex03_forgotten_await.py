"""Exercise 3 · The forgotten await (reference solution)."""

from typing import Any


async def get_price(api: Any, item: str) -> float:
    price = await api.get(item)
    return price


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    await db.save(order_id, items)
    return f"order {order_id} placed"


if __name__ == "__main__":  # `python exercises/ex03_forgotten_await.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
