# right: both functions await inline: `return await api.get(item)` and `await db.save(...)` before returning the message
from typing import Any


async def get_price(api: Any, item: str) -> float:
    return await api.get(item)


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    await db.save(order_id, items)
    return "order {} placed".format(order_id)
