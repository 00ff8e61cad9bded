# wrong: main awaits greet and add but throws their results away and returns a literal
# fails: 2
# says: not values written by hand
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    await greet("Ada")
    await add(2, 3)
    return ("Hello, Ada!", 5)


if __name__ == "__main__":
    print(asyncio.run(main()))
