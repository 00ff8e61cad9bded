# wrong: returns a made-up profile instead of reading the database
# fails: 1
# says: returned
import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    return {"name": "Ada", "orders": []}


def profile_card(db: Any, user_id: int) -> str:
    profile = asyncio.run(load_profile(db, user_id))
    return f"{profile['name']}: {len(profile['orders'])} orders"


async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"
