# right: main uses starlette's run_in_threadpool(time.sleep, 1); prepare uses anyio.to_thread.run_sync(time.sleep, s)
import asyncio
import time
from functools import partial

import anyio.to_thread
from starlette.concurrency import run_in_threadpool


async def main() -> None:
    print("Start")
    await run_in_threadpool(time.sleep, 1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await anyio.to_thread.run_sync(partial(time.sleep, seconds))
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
