# wrong: "fixes" the asyncio.run-inside-async error by running the save with asyncio.run in a worker thread (another event loop)
# fails: 2
# says: from a second event loop
import asyncio
from typing import Any


async def get_price(api: Any, item: str) -> float:
    return await api.get(item)


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    await asyncio.to_thread(asyncio.run, db.save(order_id, items))
    return f"order {order_id} placed"
