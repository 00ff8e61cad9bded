# right: TaskGroup for both; fastest stops the group by raising a private "found it" exception caught with except*
import asyncio
from collections.abc import Callable
from typing import Any


class _Found(Exception):
    def __init__(self, value: Any) -> None:
        super().__init__("found")
        self.value = value


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    async def one(key: str) -> None:
        result = await api.get(key)
        handle(result)

    async with asyncio.TaskGroup() as tg:
        for key in keys:
            tg.create_task(one(key))


async def fastest(api: Any, mirrors: list[str]) -> Any:
    async def race(mirror: str) -> None:
        raise _Found(await api.get(mirror))

    try:
        async with asyncio.TaskGroup() as tg:
            for mirror in mirrors:
                tg.create_task(race(mirror))
    except* _Found as group:
        winner = group.exceptions[0].value
    return winner
