# wrong: welcome stays a plain def and waits with run_coroutine_threadsafe(...).result() on the loop's own thread (deadlock)
# fails: 3
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = await db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


def profile_card(db: Any, user_id: int) -> str:
    profile = asyncio.run(load_profile(db, user_id))
    return f"{profile['name']}: {len(profile['orders'])} orders"


def welcome(db: Any, user_id: int) -> str:
    loop = asyncio.get_event_loop()
    profile = asyncio.run_coroutine_threadsafe(load_profile(db, user_id), loop).result()
    return f"Welcome back, {profile['name']}!"
