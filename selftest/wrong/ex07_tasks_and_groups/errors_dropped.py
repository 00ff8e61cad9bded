# wrong: gather(return_exceptions=True), then the errors are quietly dropped
# fails: 2, 3
# says: although loading
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    async with asyncio.TaskGroup() as tg:
        user_tasks = [tg.create_task(db.fetch(user_id)) for user_id in user_ids]
        header = await api.get("/header")
    return {"header": header, "users": [task.result() for task in user_tasks]}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    results = await asyncio.gather(*(db.fetch(key) for key in keys), return_exceptions=True)
    return [r for r in results if not isinstance(r, Exception)]
