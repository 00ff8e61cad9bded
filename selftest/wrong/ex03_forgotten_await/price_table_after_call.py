# wrong: awaits the API but returns the price from a table copied from the test data
# fails: 1
# says: expected
from typing import Any

PRICES = {"tea": 2.5, "cake": 3.0}


async def get_price(api: Any, item: str) -> float:
    await api.get(item)
    return PRICES[item]


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    await db.save(order_id, items)
    return f"order {order_id} placed"
