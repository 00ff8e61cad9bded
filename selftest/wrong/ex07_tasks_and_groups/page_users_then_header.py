# wrong: loads the users together, but fetches the header only after they are all loaded
# fails: 1
# says: did not overlap
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    users = await asyncio.gather(*(db.fetch(user_id) for user_id in user_ids))
    header = await api.get("/header")
    return {"header": header, "users": users}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(key)) for key in keys]
    return [task.result() for task in tasks]

