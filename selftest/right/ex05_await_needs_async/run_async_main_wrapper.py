# right: profile_card runs a small inner coroutine with asyncio.run, which awaits load_profile and builds the card
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = await db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


def profile_card(db: Any, user_id: int) -> str:
    async def _card() -> str:
        profile = await load_profile(db, user_id)
        return f"{profile['name']}: {len(profile['orders'])} orders"

    return asyncio.run(_card())


async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
