# right: load_profile fetches orders before the user (independent steps, other order); dict() constructor; coroutine stored then run
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    orders = await db.fetch(f"orders/{user_id}")
    user = await db.fetch(f"users/{user_id}")
    return dict(name=user["name"], orders=orders)


def profile_card(db: Any, user_id: int) -> str:
    coro = load_profile(db, user_id)
    profile = asyncio.run(coro)
    return f"{profile['name']}: {len(profile['orders'])} orders"


async def welcome(db: Any, user_id: int) -> str:
    name = (await load_profile(db, user_id))["name"]
    return f"Welcome back, {name}!"
