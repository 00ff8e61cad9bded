# wrong: awaits handle(result) although handle is a plain function (TypeError: object NoneType can't be used in 'await'); fastest returns the Task, not its result (unforeseen)
# fails: all
# says: still has to be awaited to get the answer
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    for arrival in asyncio.as_completed([api.get(k) for k in keys]):
        await handle(await arrival)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    tasks = [asyncio.create_task(api.get(m)) for m in mirrors]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for t in pending:
        t.cancel()
    return done.pop()
