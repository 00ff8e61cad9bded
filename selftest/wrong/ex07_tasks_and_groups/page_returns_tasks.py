# wrong: build_page starts the user tasks but never awaits them
# fails: 1
# says: Task object
# says: still running
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    user_tasks = [asyncio.create_task(db.fetch(user_id)) for user_id in user_ids]
    header = await api.get("/header")
    return {"header": header, "users": user_tasks}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(key)) for key in keys]
    return [task.result() for task in tasks]

