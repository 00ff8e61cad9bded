# wrong: each task is awaited right after it is created, so nothing overlaps (sequential in both functions)
# fails: all
import asyncio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    results = []
    for item_id in ids:
        task = asyncio.create_task(api.get(item_id))
        results.append(await task)
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    board = {}
    for name in ("weather", "news", "stocks"):
        board[name] = await asyncio.create_task(api.get(f"/{name}"))
    return board
