# right: `from asyncio import run` at module level; profile_card runs a module-level alias of load_profile
from asyncio import run
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = await db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


_load = load_profile


def profile_card(db: Any, user_id: int) -> str:
    profile = run(_load(db, user_id))
    return f"{profile['name']}: {len(profile['orders'])} orders"


async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
