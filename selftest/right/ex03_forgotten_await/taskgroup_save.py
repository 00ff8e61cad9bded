# right: place_order saves inside an asyncio.TaskGroup (the block exits only after the save finished); get_price via wait_for
import asyncio
from typing import Any


async def get_price(api: Any, item: str) -> float:
    return await asyncio.wait_for(api.get(item), timeout=None)


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    async with asyncio.TaskGroup() as tg:
        tg.create_task(db.save(order_id, items))
    return f"order {order_id} placed"
