"""Exercise 1 · Your first coroutine (reference solution)."""

async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    greeting = await greet("Ada")
    total = await add(2, 3)
    return greeting, total


if __name__ == "__main__":  # `python exercises/ex01_first_coroutine.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
