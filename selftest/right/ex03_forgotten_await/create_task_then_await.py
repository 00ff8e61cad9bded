# right: wraps each call in asyncio.create_task and awaits the task before using/returning
import asyncio
from typing import Any


async def get_price(api: Any, item: str) -> float:
    task = asyncio.create_task(api.get(item))
    price = await task
    return price


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    save_task = asyncio.create_task(db.save(order_id, items))
    await save_task
    return f"order {order_id} placed"
