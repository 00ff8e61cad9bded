# wrong: a TaskGroup, but `except* ServiceError` swallows the failure and returns the partial results with None holes
# fails: 2, 3
# says: although loading
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        user_tasks = [tg.create_task(db.fetch(user_id)) for user_id in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [task.result() for task in user_tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    tasks = []
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(db.fetch(key)) for key in keys]
    except* Exception:
        pass  # logged elsewhere; the page shows what it has
    return [t.result() if t.done() and not t.cancelled() and t.exception() is None else None
            for t in tasks]
