# right: anyio task groups; fastest stores the first answer and cancels the group's cancel scope
from collections.abc import Callable
from typing import Any

import anyio


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    async def worker(key: str) -> None:
        handle(await api.get(key))

    async with anyio.create_task_group() as tg:
        for key in keys:
            tg.start_soon(worker, key)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    answers: list[Any] = []

    async with anyio.create_task_group() as tg:

        async def ask(mirror: str) -> None:
            answer = await api.get(mirror)
            if not answers:
                answers.append(answer)
                tg.cancel_scope.cancel()

        for mirror in mirrors:
            tg.start_soon(ask, mirror)
    return answers[0]
