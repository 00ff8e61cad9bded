# wrong: saves the items one call at a time, but returns from inside the loop after the first one
# fails: 2
from typing import Any


async def get_price(api: Any, item: str) -> float:
    return await api.get(item)


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    for item in items:
        await db.save(order_id, [item])
        return f"order {order_id} placed"
    return f"order {order_id} placed"
