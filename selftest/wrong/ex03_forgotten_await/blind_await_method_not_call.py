# wrong: awaits the bound method itself (`await api.get`) and calls the result -> TypeError
# fails: 1, 2
from typing import Any


async def get_price(api: Any, item: str) -> float:
    price = (await api.get)(item)
    return price


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    (await db.save)(order_id, items)
    return f"order {order_id} placed"
