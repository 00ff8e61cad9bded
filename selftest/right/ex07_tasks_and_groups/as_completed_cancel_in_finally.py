# right: build_page awaits a gather future started before the header; load_all uses as_completed over tasks and a finally that cancels and awaits the leftovers
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    background = asyncio.gather(*(db.fetch(uid) for uid in user_ids))
    try:
        header = await api.get("/header")
    except BaseException:
        background.cancel()
        await asyncio.gather(background, return_exceptions=True)
        raise
    users = await background
    return {"header": header, "users": users}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    tasks = [asyncio.create_task(db.fetch(k)) for k in keys]
    try:
        for next_done in asyncio.as_completed(tasks):
            await next_done
    finally:
        leftovers = [t for t in tasks if not t.done()]
        for t in leftovers:
            t.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)
    return [t.result() for t in tasks]
