# right: anyio task group with start_soon, results stored by position
import anyio
from typing import Any


async def fetch_all(api: Any, ids: list[str]) -> list[Any]:
    results: list[Any] = [None] * len(ids)

    async def one(pos: int, item_id: str) -> None:
        results[pos] = await api.get(item_id)

    async with anyio.create_task_group() as tg:
        for pos, item_id in enumerate(ids):
            tg.start_soon(one, pos, item_id)
    return results


async def dashboard(api: Any) -> dict[str, Any]:
    board: dict[str, Any] = {}

    async def load(key: str, path: str) -> None:
        board[key] = await api.get(path)

    async with anyio.create_task_group() as tg:
        tg.start_soon(load, "weather", "/weather")
        tg.start_soon(load, "news", "/news")
        tg.start_soon(load, "stocks", "/stocks")
    return board
