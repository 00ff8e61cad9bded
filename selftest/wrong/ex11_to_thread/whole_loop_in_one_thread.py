# wrong: moves the whole for-loop into one worker thread: off the loop, but one city after another
# fails: 2
# says: one after another
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.to_thread(lambda: [client.get(city) for city in cities])
