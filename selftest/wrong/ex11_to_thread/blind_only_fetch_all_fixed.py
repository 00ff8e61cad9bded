# wrong: fetch_all sends client.get to threads itself, but fetch_weather still calls the blocking client on the loop
# fails: 1
import asyncio


async def fetch_weather(client, city: str) -> str:
    return client.get(city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return list(await asyncio.gather(*[asyncio.to_thread(client.get, c) for c in cities]))
