"""Exercise 5 · `await` only inside `async def`

This file does not even import: Python stops with
"SyntaxError: 'await' outside async function". `await` pauses the current coroutine, so it
only exists inside a coroutine function, one defined with `async def`. And once a function
is `async def`, every caller has to run the coroutine it returns, in one of two ways:

- async code (a web handler, another coroutine) awaits it, so it is `async def` too;
- plain code with no event loop running (a script, a command-line tool) starts one with
  `asyncio.run(...)`. Never inside `async def`: a loop is already running there.

    def total(cart):                   # SyntaxError: 'await' outside async function
        return await cart.price()

    async def total(cart):             # a coroutine function: await is allowed
        return await cart.price()

    async def checkout(cart):          # async caller: awaits it
        return f"pay {await total(cart)}"

    print(asyncio.run(total(cart)))    # plain code: runs it on a new event loop

`db.fetch(key)` below is a coroutine function (a slow database call).

Your tasks:
  1. Make `load_profile(db, user_id)` a coroutine function that returns the profile.
  2. `profile_card(db, user_id)` is called from plain code (no event loop is running):
     keep it a plain `def` and run `load_profile` there with `asyncio.run(...)`.
  3. `welcome(db, user_id)` is called from async code: make it `async def` and await
     `load_profile`.

Check your work:  pytest tests/test_ex05_await_needs_async.py     Stuck?  awaitlings hint 5
"""

import asyncio
from typing import Any


# TODO: `await` is only allowed inside `async def`.
def load_profile(db: Any, user_id: int) -> dict[str, Any]:
    user = await db.fetch(f"users/{user_id}")
    orders = await db.fetch(f"orders/{user_id}")
    return {"name": user["name"], "orders": orders}


# Called from plain code, e.g. a command-line script: no event loop is running here.
def profile_card(db: Any, user_id: int) -> str:
    profile = load_profile(db, user_id)  # TODO: run the coroutine from plain code
    return f"{profile['name']}: {len(profile['orders'])} orders"


# Called from async code, e.g. a web handler: an event loop is already running.
def welcome(db: Any, user_id: int) -> str:  # TODO: async code calls this one
    profile = await load_profile(db, user_id)
    return f"Welcome back, {profile['name']}!"


if __name__ == "__main__":  # `python exercises/ex05_await_needs_async.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
