# wrong: load_all cancels and waits correctly, but replaces the failed load's error with its own RuntimeError
# fails: 2
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(u)) for u in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [t.result() for t in tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(db.fetch(k)) for k in keys]
    except* Exception:
        raise RuntimeError("could not load everything")
    return [t.result() for t in tasks]
