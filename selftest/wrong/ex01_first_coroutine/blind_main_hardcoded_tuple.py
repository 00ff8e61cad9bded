# wrong: main is async but returns the expected tuple typed in by hand, it never awaits greet or add
# fails: 2
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    return ("Hello, Ada!", 5)


if __name__ == "__main__":
    print(asyncio.run(main()))
