# wrong: keeps load_profile a plain def and runs each fetch with asyncio.run inside it; welcome (async) then crashes
# fails: 1, 3
import asyncio
from typing import Any


def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = asyncio.run(db.fetch(f"users/{user_id}"))
    orders = asyncio.run(db.fetch(f"orders/{user_id}"))
    return {"name": user["name"], "orders": orders}


def profile_card(db: Any, user_id: int) -> str:
    profile = load_profile(db, user_id)
    return f"{profile['name']}: {len(profile['orders'])} orders"


async def welcome(db: Any, user_id: int) -> str:
    profile = load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
