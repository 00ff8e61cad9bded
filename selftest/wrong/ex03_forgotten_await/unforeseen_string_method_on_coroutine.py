# wrong: formats the coroutine returned by db.save (an unforeseen mistake: the explainer names the line)
# fails: 2
# says: ex03_forgotten_await.py:15
# says: used as if it were a result

from typing import Any


async def get_price(api: Any, item: str) -> float:
    return await api.get(item)


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    saved = db.save(order_id, items)
    return "order " + saved + " placed"
