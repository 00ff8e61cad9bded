# wrong: profile_card uses asyncio.run, but on its own copy of the two reads instead of load_profile
# fails: 2
# says: never ran `load_profile`
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = await db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


def profile_card(db: Any, user_id: int) -> str:
    async def read() -> tuple[dict[str, Any], list[str]]:
        return await db.fetch(f"users/{user_id}"), await db.fetch(f"orders/{user_id}")

    user, orders = asyncio.run(read())
    return f"{user['name']}: {len(orders)} orders"


async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
