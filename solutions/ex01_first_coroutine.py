"""Exercise 1 · Your first coroutine (reference solution)."""

import asyncio


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
