# right: header and the users gathered together in one outer gather (users as an inner gather); load_all via TaskGroup with a dict by key
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    header, users = await asyncio.gather(
        api.get("/header"),
        asyncio.gather(*[db.fetch(uid) for uid in user_ids]),
    )
    return {"header": header, "users": list(users)}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as group:
        by_key = {key: group.create_task(db.fetch(key)) for key in keys}
    return [by_key[key].result() for key in keys]
