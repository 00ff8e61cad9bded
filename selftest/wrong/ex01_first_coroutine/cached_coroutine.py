# wrong: greet is async def but wrapped in functools.lru_cache, which caches the coroutine object (awaitable once)
# fails: all
# says: must be a coroutine function
# says: the decorator above it hides that
import asyncio
import functools


@functools.lru_cache(maxsize=None)
async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    greeting = await greet("Ada")
    total = await add(2, 3)
    return greeting, total


if __name__ == "__main__":
    print(asyncio.run(main()))
