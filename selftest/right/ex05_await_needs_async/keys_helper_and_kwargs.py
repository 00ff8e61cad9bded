# right: a helper builds the fetch keys; calls use keyword arguments; welcome awaits inline in the f-string
import asyncio
from typing import Any


def _keys(user_id: int) -> tuple[str, str]:
    return f"users/{user_id}", f"orders/{user_id}"


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user_key, orders_key = _keys(user_id)
    user = await db.fetch(user_key)
    profile: dict[str, Any] = {"name": user["name"]}
    profile["orders"] = await db.fetch(orders_key)
    return profile


def profile_card(db: Any, user_id: int) -> str:
    profile = asyncio.run(load_profile(db=db, user_id=user_id))
    orders = profile.get("orders", [])
    return f"{profile['name']}: {len(orders)} orders"


async def welcome(db: Any, user_id: int) -> str:
    return f"Welcome back, {(await load_profile(db=db, user_id=user_id))['name']}!"
