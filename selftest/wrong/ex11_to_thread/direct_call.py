# wrong: calls the blocking client directly inside async def
# fails: all
# says: event loop's own thread
# says: blocked
# says: █
import asyncio


async def fetch_weather(client, city: str) -> str:
    return client.get(city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, city) for city in cities))
