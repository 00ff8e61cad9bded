# right: TaskGroup, with except* unwrapping the ExceptionGroup so the caller gets the plain error; header fetched in its own task
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        header = tg.create_task(api.get("/header"))
        users = [tg.create_task(db.fetch(uid)) for uid in user_ids]
    return {"header": header.result(), "users": [u.result() for u in users]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(db.fetch(key)) for key in keys]
    except* Exception as group:
        raise group.exceptions[0] from None
    return [t.result() for t in tasks]
