# right: done-callbacks on tasks; handle called from the callback, fastest resolves a Future from the first callback
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    tasks = []
    for key in keys:
        task = asyncio.create_task(api.get(key))
        task.add_done_callback(lambda t: handle(t.result()))
        tasks.append(task)
    await asyncio.gather(*tasks)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    loop = asyncio.get_running_loop()
    first: asyncio.Future[Any] = loop.create_future()

    def on_done(task: asyncio.Task[Any]) -> None:
        if not first.done() and not task.cancelled() and task.exception() is None:
            first.set_result(task.result())

    tasks = [asyncio.create_task(api.get(m)) for m in mirrors]
    for task in tasks:
        task.add_done_callback(on_done)
    try:
        return await first
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.wait(tasks)
