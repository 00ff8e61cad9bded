# right: load_profile uses an asyncio.TaskGroup for the two fetches; welcome awaits a task created from load_profile
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        user_task = tg.create_task(db.fetch(f"users/{user_id}"))
        orders_task = tg.create_task(db.fetch(f"orders/{user_id}"))
    return {"name": user_task.result()["name"], "orders": orders_task.result()}


def profile_card(db: Any, user_id: int) -> str:
    profile = asyncio.run(load_profile(db, user_id))
    name, count = profile["name"], len(profile["orders"])
    return "%s: %d orders" % (name, count)


async def welcome(db: Any, user_id: int) -> str:
    task = asyncio.create_task(load_profile(db, user_id))
    profile = await task
    return "Welcome back, " + profile["name"] + "!"
