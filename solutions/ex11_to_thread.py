"""Exercise 11 · Blocking libraries in async code (reference solution)."""

import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, city) for city in cities))


if __name__ == "__main__":  # `python exercises/ex11_to_thread.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
