# wrong: starts the save as a task and sleeps a hair longer than the test database takes (0.2 s), instead of awaiting the save
# fails: 2
# says: never saved
import asyncio
from typing import Any

SAVE_TIME = 0.201  # the database took 0.2 s when I tried it; 1 ms more to be safe


async def get_price(api: Any, item: str) -> float:
    return await api.get(item)


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    task = asyncio.create_task(db.save(order_id, items))
    await asyncio.sleep(SAVE_TIME)  # the save is done by now
    return f"order {order_id} placed"
