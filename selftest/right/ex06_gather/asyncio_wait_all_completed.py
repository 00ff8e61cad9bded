# right: asyncio.wait(tasks) (ALL_COMPLETED), then results read from the task list in order
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    if not ids:
        return []
    tasks = [asyncio.ensure_future(api.get(i)) for i in ids]
    await asyncio.wait(tasks)
    return [t.result() for t in tasks]


async def dashboard(api: Any) -> dict[str, Any]:
    names = ["weather", "news", "stocks"]
    tasks = [asyncio.create_task(api.get("/" + name)) for name in names]
    await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    return dict(zip(names, (t.result() for t in tasks)))
