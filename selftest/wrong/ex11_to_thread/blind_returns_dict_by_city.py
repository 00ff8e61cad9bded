# wrong: fetch_all returns a dict {city: weather} instead of a list of the weather in the given order
# fails: 2
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    weathers = await asyncio.gather(*(fetch_weather(client, c) for c in cities))
    return dict(zip(cities, weathers))
