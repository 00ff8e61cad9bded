# wrong: main is async def but runs greet and add with asyncio.run instead of awaiting them
# fails: 2
# says: already running
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    greeting = asyncio.run(greet("Ada"))
    total = asyncio.run(add(2, 3))
    return greeting, total


if __name__ == "__main__":
    print(asyncio.run(main()))
