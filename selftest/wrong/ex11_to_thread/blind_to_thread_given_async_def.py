# wrong: fetch_all hands the async def fetch_weather to to_thread: each thread just creates a coroutine and returns it, never awaited
# fails: 2
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(asyncio.to_thread(fetch_weather, client, c) for c in cities))
