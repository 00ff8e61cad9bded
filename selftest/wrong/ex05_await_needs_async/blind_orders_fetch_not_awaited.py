# wrong: load_profile awaits the user fetch but forgets the await on the orders fetch: "orders" is a coroutine object
# fails: 1
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


def profile_card(db: Any, user_id: int) -> str:
    profile = asyncio.run(load_profile(db, user_id))
    return f"{profile['name']}: {len(profile['orders'])} orders"


async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
