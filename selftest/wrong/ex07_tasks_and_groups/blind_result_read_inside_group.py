# wrong: reads task.result() inside the TaskGroup block, before the tasks are done: InvalidStateError (unforeseen)
# fails: all
# says: can be read only after the `async with` block has ended
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(u)) for u in user_ids]
        header = await api.get("/header")
        users = [t.result() for t in tasks]
    return {"header": header, "users": users}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(k)) for k in keys]
        return [t.result() for t in tasks]
