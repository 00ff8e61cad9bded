# wrong: on error load_all calls .cancel() on the others but raises at once, without waiting for them to stop
# fails: 3
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    tasks = [asyncio.create_task(db.fetch(u)) for u in user_ids]
    header = await api.get("/header")
    return {"header": header, "users": await asyncio.gather(*tasks)}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    tasks = [asyncio.create_task(db.fetch(k)) for k in keys]
    try:
        return await asyncio.gather(*tasks)
    except Exception:
        for t in tasks:
            t.cancel()
        raise
