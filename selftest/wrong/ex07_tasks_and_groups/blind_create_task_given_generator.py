# wrong: asyncio.create_task(<generator of coroutines>) and a KeyError in the student's own dict (unforeseen crashes)
# fails: all
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    by_id = {}
    for uid in user_ids:
        by_id[uid] = asyncio.create_task(db.fetch(uid))
    header = await api.get("/header")
    users = [await by_id[f"user:{uid}"] for uid in user_ids]
    return {"header": header, "users": users}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    task = asyncio.create_task(db.fetch(k) for k in keys)
    return await task
