# wrong: wraps the blocking call in its own async def and awaits that
# fails: all
# says: event loop's own thread
# says: async def
import asyncio


async def blocking_get(client, city):
    return client.get(city)


async def fetch_weather(client, city: str) -> str:
    return await blocking_get(client, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    tasks = [asyncio.create_task(blocking_get(client, city)) for city in cities]
    return [await task for task in tasks]
