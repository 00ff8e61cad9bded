# right: start every call with create_task first, then await the tasks one by one in order
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    tasks = [asyncio.create_task(api.get(i)) for i in ids]
    results = []
    for task in tasks:
        results.append(await task)
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    paths = {"weather": "/weather", "news": "/news", "stocks": "/stocks"}
    tasks = {name: asyncio.create_task(api.get(path)) for name, path in paths.items()}
    return {name: await task for name, task in tasks.items()}
