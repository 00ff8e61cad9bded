# wrong: main returns asyncio.gather's list instead of the tuple asked for
# fails: 2
# says: expected ('Hello, Ada!', 5)
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    return await asyncio.gather(greet("Ada"), add(2, 3))


if __name__ == "__main__":
    print(asyncio.run(main()))
