# wrong: build_page collects users with as_completed, so they come back in finishing order, not the order of user_ids
# fails: 1
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    tasks = [asyncio.create_task(db.fetch(u)) for u in user_ids]
    header = await api.get("/header")
    users = [await t for t in asyncio.as_completed(tasks)]
    return {"header": header, "users": users}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(k)) for k in keys]
    return [t.result() for t in tasks]
