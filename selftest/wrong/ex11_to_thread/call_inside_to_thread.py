# wrong: calls client.get(city) and hands its result to to_thread
# fails: all
# says: Pass the function and its arguments separately
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get(city))


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, city) for city in cities))
