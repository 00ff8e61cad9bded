# wrong: greet prints the greeting and returns None; main returns (None, 5)
# fails: 1, 2
import asyncio


async def greet(name: str) -> str:
    print(f"Hello, {name}!")


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    return (await greet("Ada"), await add(2, 3))


if __name__ == "__main__":
    print(asyncio.run(main()))
