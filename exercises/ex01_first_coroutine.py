"""Exercise 1 · Your first coroutine

Backends spend most of their time waiting: for a database, another API, a file, the network.
Python's `async def` lets a function *wait without holding everyone else up*.

`async def` defines a coroutine function. Calling one does not run it: it returns a
coroutine object. `await` runs that coroutine and gives you its result, and `await` can only
be written inside another `async def`.

    async def get_number() -> int:
        return 42

    async def main() -> None:
        number = await get_number()   # 42

Your tasks:
  1. Make `greet(name)` a coroutine function that returns "Hello, <name>!".
  2. Make `main()` a coroutine function that awaits `greet("Ada")` and `add(2, 3)` and
     returns both results as a tuple: ("Hello, Ada!", 5).

Check your work:  pytest tests/test_ex01_first_coroutine.py     Stuck?  awaitlings hint 1
"""

# TODO: make `greet` a coroutine function.
def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


# TODO: make `main` a coroutine function that awaits greet("Ada") and add(2, 3).
def main() -> tuple[str, int]:
    raise NotImplementedError("main() is not written yet")


if __name__ == "__main__":  # `python exercises/ex01_first_coroutine.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
