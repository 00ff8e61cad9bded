# wrong: cancels the rest on failure, then reads every result, so a CancelledError escapes
# fails: 2
# says: raised CancelledError
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    tasks = [asyncio.create_task(db.fetch(user_id)) for user_id in user_ids]
    header = await api.get("/header")
    return {"header": header, "users": await asyncio.gather(*tasks)}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    tasks = [asyncio.create_task(db.fetch(key)) for key in keys]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return [task.result() for task in tasks]
