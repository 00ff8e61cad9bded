# wrong: plain gather: the error reaches the caller, but the other loads keep running
# fails: 3
# says: still running
# says: plain `asyncio.gather` does neither
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        user_tasks = [tg.create_task(db.fetch(user_id)) for user_id in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [task.result() for task in user_tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    return await asyncio.gather(*(db.fetch(key) for key in keys))
