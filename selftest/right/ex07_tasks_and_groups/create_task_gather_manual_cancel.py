# right: plain create_task + gather; on failure cancel the rest by hand, wait for them, re-raise the original error
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    user_tasks = [asyncio.create_task(db.fetch(uid)) for uid in user_ids]
    header = await api.get("/header")
    users = await asyncio.gather(*user_tasks)
    return {"header": header, "users": list(users)}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    tasks = [asyncio.create_task(db.fetch(key)) for key in keys]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
