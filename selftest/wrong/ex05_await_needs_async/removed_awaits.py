# wrong: "fixes" the SyntaxError by deleting every await instead of adding async def
# fails: all
# says: must be a coroutine function
import asyncio
from typing import Any


def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = db.fetch(f"users/{user_id}")
    orders = db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


def profile_card(db: Any, user_id: int) -> str:
    profile = load_profile(db, user_id)
    return f"{profile['name']}: {len(profile['orders'])} orders"


def welcome(db: Any, user_id: int) -> str:
    profile = load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
