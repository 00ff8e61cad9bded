# wrong: load_all uses plain gather, which raises the first error but leaves the other loads running
# fails: 3
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    tasks = [asyncio.create_task(db.fetch(u)) for u in user_ids]
    header = await api.get("/header")
    users = [await t for t in tasks]
    return {"header": header, "users": users}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    return list(await asyncio.gather(*(db.fetch(k) for k in keys)))
