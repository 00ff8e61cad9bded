# wrong: gather(return_exceptions=True) hands the caller a list with an exception object in it instead of raising
# fails: 2, 3
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(u)) for u in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [t.result() for t in tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    return await asyncio.gather(*(db.fetch(k) for k in keys), return_exceptions=True)
