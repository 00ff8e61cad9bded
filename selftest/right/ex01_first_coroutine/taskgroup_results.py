# right: main starts greet and add inside an asyncio.TaskGroup and returns the tasks' results as a tuple
"""Your first coroutine, with a TaskGroup."""

import asyncio


async def greet(name: str) -> str:
    return "Hello, {}!".format(name)


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    async with asyncio.TaskGroup() as tg:
        greeting_task = tg.create_task(greet("Ada"))
        sum_task = tg.create_task(add(2, 3))
    return (greeting_task.result(), sum_task.result())


if __name__ == "__main__":
    print(asyncio.run(main()))
