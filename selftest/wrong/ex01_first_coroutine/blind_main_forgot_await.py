# wrong: main calls greet and add without await, so it returns two coroutine objects
# fails: 2
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    return (greet("Ada"), add(2, 3))


if __name__ == "__main__":
    print(asyncio.run(main()))
