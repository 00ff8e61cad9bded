# right: get_price unpacks a one-element gather; place_order awaits the save through asyncio.shield (still finished on return)
import asyncio
from typing import Any


async def get_price(api: Any, item: str) -> float:
    (price,) = await asyncio.gather(api.get(item))
    return price


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    await asyncio.shield(db.save(order_id, items))
    message = f"order {order_id} placed"
    return message
