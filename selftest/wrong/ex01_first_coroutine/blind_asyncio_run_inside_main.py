# wrong: main (already running on a loop) calls asyncio.run for each coroutine -> RuntimeError
# fails: 2
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
