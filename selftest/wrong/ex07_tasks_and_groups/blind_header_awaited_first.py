# wrong: build_page awaits the header before creating the user tasks, so the users do not load while the header is fetched
# fails: 1
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    header = await api.get("/header")
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(u)) for u in user_ids]
    return {"header": header, "users": [t.result() for t in tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(k)) for k in keys]
    return [t.result() for t in tasks]
