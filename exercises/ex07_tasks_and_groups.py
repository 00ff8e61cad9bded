"""Exercise 7 · Tasks and task groups

`asyncio.create_task(coro)` starts a coroutine in the background *now* and hands you a Task.
Your code carries on with something else, and `await task` collects the result later:

    kettle = asyncio.create_task(boil_water())    # starts boiling right away
    await slice_bread()                           # meanwhile...
    tea = await kettle                            # collect it

A task you start is a task you must finish: await it, or its result and its errors are
lost. `asyncio.TaskGroup` does the bookkeeping. Its `async with` block does not end until
every task in it is done, and if one task fails, it cancels the others, waits for them, and
raises the error (wrapped in an `ExceptionGroup`; catch it with `except* SomeError:`):

    async with asyncio.TaskGroup() as tg:
        kettle = tg.create_task(boil_water())
        toast = tg.create_task(make_toast())
        await slice_bread()
    breakfast = (kettle.result(), toast.result())  # both done here

`db.fetch(key)` and `api.get(path)` below are coroutine functions (slow calls); a fetch can
fail with an exception.

Your tasks:
  1. `build_page(db, api, user_ids)` starts loading every user in the background, fetches
     "/header" from the API meanwhile, then returns both (users in the order of `user_ids`).
  2. `load_all(db, keys)` loads every key at the same time and returns the values in order;
     if a load fails, the caller must get that error, not a list with holes in it.
  3. When one load fails, `load_all` cancels the loads still running (nobody will use their
     results) and waits for them to stop, before the error leaves it.

Check your work:  pytest tests/test_ex07_tasks_and_groups.py     Stuck?  awaitlings hint 7
"""

import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    users = []
    for user_id in user_ids:  # TODO: load the users in the background...
        users.append(await db.fetch(user_id))
    header = await api.get("/header")  # TODO: ...while this one runs
    return {"header": header, "users": users}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    results = []
    for key in keys:  # TODO: load them all at the same time
        try:
            results.append(await db.fetch(key))
        except Exception:
            results.append(None)  # TODO: hiding an error is not handling it
    return results


if __name__ == "__main__":  # `python exercises/ex07_tasks_and_groups.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
