# right: keeps the stub's shape: the call is stored in a variable and awaited on the next line
from typing import Any


async def get_price(api: Any, item: str) -> float:
    pending = api.get(item)
    price = await pending
    return price


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    saving = db.save(order_id, list(items))
    await saving
    return f"order {order_id} placed"
