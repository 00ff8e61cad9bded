# wrong: build_page gathers the users first and only then fetches the header, so nothing runs "meanwhile"
# fails: 1
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    users = await asyncio.gather(*(db.fetch(u) for u in user_ids))
    header = await api.get("/header")
    return {"header": header, "users": list(users)}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(k)) for k in keys]
    return [t.result() for t in tasks]
