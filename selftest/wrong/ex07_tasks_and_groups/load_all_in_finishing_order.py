# wrong: each task appends its value to a shared list when its load ends, so load_all returns the values in the order the loads finished, not the order of keys
# fails: 2
# says: in the order the loads finished
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        user_tasks = [tg.create_task(db.fetch(user_id)) for user_id in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [task.result() for task in user_tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    values: list[Any] = []

    async def load(key: str) -> None:
        values.append(await db.fetch(key))

    async with asyncio.TaskGroup() as tg:
        for key in keys:
            tg.create_task(load(key))
    return values
