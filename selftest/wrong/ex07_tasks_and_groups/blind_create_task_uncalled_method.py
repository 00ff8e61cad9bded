# wrong: passes the method itself to create_task (tg.create_task(db.fetch, key)): TypeError before anything runs (unforeseen)
# fails: all
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch, uid) for uid in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [t.result() for t in tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch, key) for key in keys]
    return [t.result() for t in tasks]
