# wrong: asks the API twice: once to check the price exists, once more to return it
# fails: 1
# says: the items asked of the API
from typing import Any


async def get_price(api: Any, item: str) -> float:
    if await api.get(item) is None:
        raise KeyError(item)
    return await api.get(item)


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    await db.save(order_id, items)
    return f"order {order_id} placed"
