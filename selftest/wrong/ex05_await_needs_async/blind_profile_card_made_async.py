# wrong: profile_card was turned into async def and awaits, but it is called from plain code with no loop running
# fails: 2
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = await db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


async def profile_card(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"{profile['name']}: {len(profile['orders'])} orders"


async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
