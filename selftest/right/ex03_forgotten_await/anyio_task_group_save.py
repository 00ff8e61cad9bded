# right: place_order saves with an anyio task group (start_soon + implicit join); get_price uses ensure_future and awaits it
import asyncio
from typing import Any

import anyio


async def get_price(api: Any, item: str) -> float:
    future = asyncio.ensure_future(api.get(item))
    return await future


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    async with anyio.create_task_group() as tg:
        tg.start_soon(db.save, order_id, items)
    return f"order {order_id} placed"
