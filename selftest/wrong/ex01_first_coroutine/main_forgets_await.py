# wrong: main calls greet and add without await
# fails: 2
# says: coroutine object
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main():
    return greet("Ada"), add(2, 3)
