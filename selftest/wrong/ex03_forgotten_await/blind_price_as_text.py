# wrong: get_price formats the awaited price into a string ("2.50") instead of returning the number
# fails: 1
from typing import Any


async def get_price(api: Any, item: str) -> float:
    price = await api.get(item)
    return f"{price:.2f}"


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    await db.save(order_id, items)
    return f"order {order_id} placed"
