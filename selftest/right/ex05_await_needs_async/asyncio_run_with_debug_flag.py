# right: profile_card calls asyncio.run(..., debug=False) explicitly; load_profile unpacks a list comprehension of awaits
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user, orders = [await db.fetch(f"{kind}/{user_id}") for kind in ("users", "orders")]
    return {"name": user["name"], "orders": orders}


def profile_card(db: Any, user_id: int) -> str:
    profile = asyncio.run(load_profile(db, user_id), debug=False)
    return f"{profile['name']}: {len(profile['orders'])} orders"


async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
