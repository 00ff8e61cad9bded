# wrong: hands create_task the method instead of a call (an unforeseen mistake: the explainer names the line)
# fails: 1
# says: ex07_tasks_and_groups.py:12
# says: create_task(fetch(x))

import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        header_task = tg.create_task(api.get)
        user_tasks = [tg.create_task(db.fetch(user_id)) for user_id in user_ids]
    return {"header": header_task.result(), "users": [task.result() for task in user_tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(key)) for key in keys]
    return [task.result() for task in tasks]
