# wrong: hands the async db.save to asyncio.to_thread: the thread only builds a coroutine object, nothing is saved
# fails: 2
import asyncio
from typing import Any


async def get_price(api: Any, item: str) -> float:
    return await api.get(item)


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    await asyncio.to_thread(db.save, order_id, items)
    return f"order {order_id} placed"
