# right: anyio task groups (errors come out wrapped in an ExceptionGroup, the others are cancelled by the group)
from typing import Any

import anyio


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    users: list[Any] = [None] * len(user_ids)

    async def load_user(i: int, uid: str) -> None:
        users[i] = await db.fetch(uid)

    async with anyio.create_task_group() as tg:
        for i, uid in enumerate(user_ids):
            tg.start_soon(load_user, i, uid)
        header = await api.get("/header")
    return {"header": header, "users": users}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    values: list[Any] = [None] * len(keys)

    async def load(i: int, key: str) -> None:
        values[i] = await db.fetch(key)

    async with anyio.create_task_group() as tg:
        for i, key in enumerate(keys):
            tg.start_soon(load, i, key)
    return values
