# wrong: greet "tidies" the name with .title(), so "ada" or "McKenzie" come back with a changed case
# fails: 1
# says: exactly as it was passed in
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name.title()}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    return (await greet("Ada"), await add(2, 3))


if __name__ == "__main__":
    print(asyncio.run(main()))
