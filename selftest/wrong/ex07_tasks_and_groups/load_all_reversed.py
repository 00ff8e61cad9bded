# wrong: load_all pops finished tasks off the end of its list, so the values come back reversed
# fails: 2
# says: in a different order
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        user_tasks = [tg.create_task(db.fetch(user_id)) for user_id in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [task.result() for task in user_tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(key)) for key in keys]
    values = []
    while tasks:
        values.append(tasks.pop().result())
    return values
