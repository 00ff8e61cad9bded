# wrong: a loop made by hand with new_event_loop, closed properly, but the task asks for asyncio.run
# fails: 2
# says: without `asyncio.run`
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = await db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


def profile_card(db: Any, user_id: int) -> str:
    loop = asyncio.new_event_loop()
    try:
        profile = loop.run_until_complete(load_profile(db, user_id))
    finally:
        loop.close()
    return f"{profile['name']}: {len(profile['orders'])} orders"


async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
