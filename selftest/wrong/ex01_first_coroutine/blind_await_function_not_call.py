# wrong: main awaits the function objects (`await greet`) instead of calling them -> TypeError
# fails: 2
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    greeting = await greet
    total = await add
    return greeting("Ada"), total(2, 3)


if __name__ == "__main__":
    print(asyncio.run(main()))
