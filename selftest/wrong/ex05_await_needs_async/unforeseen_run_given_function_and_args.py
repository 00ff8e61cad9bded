# wrong: passes asyncio.run the function and its arguments (an unforeseen mistake: the explainer names the line)
# fails: 2
# says: ex05_await_needs_async.py:17
# says: asyncio.run(load(db, 7))

import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = await db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


def profile_card(db: Any, user_id: int) -> str:
    profile = asyncio.run(load_profile, db, user_id)
    return f"{profile['name']}: {len(profile['orders'])} orders"


async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
