"""Exercise 7 · Tasks and task groups (reference solution)."""

import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        user_tasks = [tg.create_task(db.fetch(user_id)) for user_id in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [task.result() for task in user_tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    # If one load fails, the TaskGroup cancels the rest, waits for them, and raises.
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(db.fetch(key)) for key in keys]
    return [task.result() for task in tasks]


if __name__ == "__main__":  # `python exercises/ex07_tasks_and_groups.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
