# wrong: calls asyncio.run once to "warm up", then runs load_profile on a loop it made by hand
# fails: 2
# says: outside `asyncio.run`
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = await db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


def profile_card(db: Any, user_id: int) -> str:
    asyncio.run(asyncio.sleep(0))
    loop = asyncio.new_event_loop()
    try:
        profile = loop.run_until_complete(load_profile(db, user_id))
    finally:
        loop.close()
    return f"{profile['name']}: {len(profile['orders'])} orders"


async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
