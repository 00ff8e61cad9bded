# wrong: returns asyncio.to_thread(...) without awaiting it
# fails: all
# says: the call only happens when you `await` it
import asyncio


async def fetch_weather(client, city: str) -> str:
    return asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, city) for city in cities))
