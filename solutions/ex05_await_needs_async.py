"""Exercise 5 · `await` only inside `async def` (reference solution)."""

import asyncio
from typing import Any


async def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = await db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


# Called from plain code, e.g. a command-line script: no event loop is running here.
def profile_card(db: Any, user_id: int) -> str:
    profile = asyncio.run(load_profile(db, user_id))
    return f"{profile['name']}: {len(profile['orders'])} orders"


# Called from async code, e.g. a web handler: an event loop is already running.
async def welcome(db: Any, user_id: int) -> str:
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"


if __name__ == "__main__":  # `python exercises/ex05_await_needs_async.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
