# right: main creates both tasks with asyncio.create_task, then awaits each task; greet uses %-formatting
import asyncio


async def greet(name: str) -> str:
    return "Hello, %s!" % name


async def add(a: int, b: int) -> int:
    return a + b


async def main() -> tuple[str, int]:
    tasks = [asyncio.create_task(greet("Ada")), asyncio.create_task(add(2, 3))]
    greeting = await tasks[0]
    total = await tasks[1]
    return greeting, total


if __name__ == "__main__":
    print(asyncio.run(main()))
