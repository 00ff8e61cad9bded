# wrong: awaits greet without calling it (an unforeseen mistake: the explainer names the line)
# fails: 2
# says: ex01_first_coroutine.py:18
# says: not a call of it

import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    greeting = await greet
    total = await add(2, 3)
    return greeting, total
