# wrong: on failure cancels the pending loads and yields once with sleep(0) instead of awaiting them until they stop
# fails: 3
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        user_tasks = [tg.create_task(db.fetch(user_id)) for user_id in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [task.result() for task in user_tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    tasks = [asyncio.create_task(db.fetch(key)) for key in keys]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for task in done:
        if task.exception() is not None:
            for other in pending:
                other.cancel()
            await asyncio.sleep(0)  # give the cancellations a moment
            raise task.exception()
    return [task.result() for task in tasks]
