# right: main builds a list of coroutines and unpacks it into gather(*...), then tuple(); greet keeps the name's case exactly
import asyncio


async def greet(name: str) -> str:
    # the name is used exactly as given: "ada", "ADA", "McKenzie", "de la Cruz" stay as they are
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    jobs = [greet("Ada"), add(2, 3)]
    return tuple(await asyncio.gather(*jobs))  # type: ignore[return-value]


if __name__ == "__main__":
    print(asyncio.run(main()))
