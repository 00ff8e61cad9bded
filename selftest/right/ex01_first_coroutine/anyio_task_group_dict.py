# right: main uses an anyio task group with small helper coroutines that store results in a dict; greet joins parts
import asyncio
from typing import Any

import anyio


async def greet(name: str) -> str:
    return "".join(["Hello, ", name, "!"])


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    results: dict[str, Any] = {}

    async def store(key: str, coro_fn: Any, *args: Any) -> None:
        results[key] = await coro_fn(*args)

    async with anyio.create_task_group() as tg:
        tg.start_soon(store, "greeting", greet, "Ada")
        tg.start_soon(store, "total", add, 2, 3)
    return results["greeting"], results["total"]


if __name__ == "__main__":
    print(asyncio.run(main()))
