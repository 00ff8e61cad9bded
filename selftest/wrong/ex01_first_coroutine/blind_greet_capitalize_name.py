# wrong: greet capitalizes the name (name.capitalize() lowercases the rest: "McKenzie" -> "Mckenzie", "ADA" -> "Ada")
# fails: 1
# says: exactly as it was passed in
import asyncio


async def greet(name: str) -> str:
    return f"Hello, {name.strip().capitalize()}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    return (await greet("Ada"), await add(2, 3))


if __name__ == "__main__":
    print(asyncio.run(main()))
