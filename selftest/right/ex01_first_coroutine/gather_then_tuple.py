# right: greet via str concatenation; main runs both awaits with asyncio.gather and converts the list to a tuple
"""Your first coroutine (gather version)."""

import asyncio


async def greet(name: str) -> str:
    return "Hello, " + name + "!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    greeting, total = await asyncio.gather(greet("Ada"), add(2, 3))
    return greeting, total


if __name__ == "__main__":
    print(asyncio.run(main()))
