# wrong: a lambda whose default argument calls client.get on the loop's thread, before to_thread runs
# fails: all
# says: event loop's own thread
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(lambda weather=client.get(city): weather)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, city) for city in cities))
