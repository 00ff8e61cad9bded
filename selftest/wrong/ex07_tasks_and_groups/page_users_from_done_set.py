# wrong: build_page waits with asyncio.wait and reads the users from the done set, whose order is arbitrary
# fails: 1
# says: not in the order they were asked for
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    user_tasks = [asyncio.create_task(db.fetch(user_id)) for user_id in user_ids]
    header = await api.get("/header")
    done, _ = await asyncio.wait(user_tasks)
    return {"header": header, "users": [task.result() for task in done]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(key)) for key in keys]
    return [task.result() for task in tasks]
