# wrong: build_page keeps the user tasks in a dict and lists the users sorted by id, not in the order of user_ids
# fails: 1
# says: in a different order
# says: not in the order they were asked for
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        by_id = {user_id: tg.create_task(db.fetch(user_id)) for user_id in user_ids}
        header = await api.get("/header")
    return {"header": header, "users": [by_id[user_id].result() for user_id in sorted(by_id)]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(key)) for key in keys]
    return [task.result() for task in tasks]
