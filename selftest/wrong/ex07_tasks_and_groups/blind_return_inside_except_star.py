# wrong: `return []` inside an `except*` block is a SyntaxError (and would hide the error anyway) (unforeseen)
# fails: all
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
    except* Exception as eg:
        print("load failed:", eg.exceptions)
        return []
    return [t.result() for t in tasks]
