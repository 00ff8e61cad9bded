# wrong: get_price returns an asyncio Task (ensure_future) instead of awaiting it; place_order is fine
# fails: 1
import asyncio
from typing import Any


async def get_price(api: Any, item: str) -> float:
    return asyncio.ensure_future(api.get(item))


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    await db.save(order_id, items)
    return f"order {order_id} placed"
