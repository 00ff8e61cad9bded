# wrong: uses asyncio.run to "run" the coroutines from inside async def -> RuntimeError: cannot be called from a running event loop
# fails: 1, 2
import asyncio
from typing import Any


async def get_price(api: Any, item: str) -> float:
    return asyncio.run(api.get(item))


async def place_order(db: Any, order_id: str, items: list[str]) -> str:
    asyncio.run(db.save(order_id, items))
    return f"order {order_id} placed"
