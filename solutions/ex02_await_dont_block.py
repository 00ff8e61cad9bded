"""Exercise 2 · Await, don't block (reference solution)."""

import asyncio


async def main() -> None:
    print("Start")
    await asyncio.sleep(1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":  # `python exercises/ex02_await_dont_block.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
