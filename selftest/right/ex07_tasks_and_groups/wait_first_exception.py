# right: asyncio.wait(return_when=FIRST_EXCEPTION), cancel and await the pending ones, raise the task's exception
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    header_task = asyncio.create_task(api.get("/header"))
    users = [asyncio.create_task(db.fetch(u)) for u in user_ids]
    if users:
        await asyncio.wait(users)
    header = await header_task
    return {"header": header, "users": [t.result() for t in users]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    if not keys:
        return []
    tasks = [asyncio.create_task(db.fetch(k)) for k in keys]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    failed = [t for t in done if not t.cancelled() and t.exception() is not None]
    if failed:
        for t in pending:
            t.cancel()
        if pending:
            await asyncio.wait(pending)
        raise failed[0].exception()
    return [t.result() for t in tasks]
