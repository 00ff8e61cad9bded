# wrong: overlaps the header with a helper that loads the users one after another
# fails: 1
# says: one after another
import asyncio
from typing import Any


async def _load_users(db: Any, user_ids: list[str]) -> list[Any]:
    return [await db.fetch(user_id) for user_id in user_ids]


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        users_task = tg.create_task(_load_users(db, user_ids))
        header = await api.get("/header")
    return {"header": header, "users": users_task.result()}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(key)) for key in keys]
    return [task.result() for task in tasks]
