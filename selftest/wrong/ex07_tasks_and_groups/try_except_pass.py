# wrong: every load wrapped in try/except pass, so a failed load just becomes None
# fails: 2, 3
# says: although loading
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        user_tasks = [tg.create_task(db.fetch(user_id)) for user_id in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [task.result() for task in user_tasks]}


async def load_one(db: Any, key: str) -> Any:
    try:
        return await db.fetch(key)
    except Exception:
        pass


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    return await asyncio.gather(*(load_one(db, key) for key in keys))
