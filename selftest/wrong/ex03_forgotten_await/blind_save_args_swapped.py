# wrong: passes db.save its arguments in the wrong order (items first, then order_id)
# fails: 2
from typing import Any


async def get_price(api: Any, item: str) -> float:
    return await api.get(item)


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    await db.save(items, order_id)
    return f"order {order_id} placed"
