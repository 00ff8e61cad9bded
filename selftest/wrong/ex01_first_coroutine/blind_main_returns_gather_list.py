# wrong: main returns gather's list ["Hello, Ada!", 5] instead of the tuple the task asks for
# fails: 2
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    return await asyncio.gather(greet("Ada"), add(2, 3))


if __name__ == "__main__":
    print(asyncio.run(main()))
