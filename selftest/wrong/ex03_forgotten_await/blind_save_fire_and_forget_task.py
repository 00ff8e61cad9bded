# wrong: place_order schedules the save with create_task and returns at once: the order is not saved yet when it returns
# fails: 2
import asyncio
from typing import Any


async def get_price(api: Any, item: str) -> float:
    return await api.get(item)


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    asyncio.create_task(db.save(order_id, items))
    return f"order {order_id} placed"
