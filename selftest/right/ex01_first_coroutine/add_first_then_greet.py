# right: main awaits add(2, 3) first, then greet("Ada") (independent steps in the other order), builds the tuple explicitly
import asyncio


async def greet(name: str) -> str:
    greeting = f"Hello, {name}!"
    return greeting


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    total = await add(2, 3)
    message = await greet("Ada")
    result = tuple([message, total])
    return result  # type: ignore[return-value]


if __name__ == "__main__":
    print(asyncio.run(main()))
