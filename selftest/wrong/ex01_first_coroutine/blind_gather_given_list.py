# wrong: gather is handed one list instead of the coroutines themselves -> TypeError, coroutines never awaited
# fails: 2
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    results = await asyncio.gather([greet("Ada"), add(2, 3)])
    return tuple(results)


if __name__ == "__main__":
    print(asyncio.run(main()))
