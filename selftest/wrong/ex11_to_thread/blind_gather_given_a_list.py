# wrong: asyncio.gather(list) instead of gather(*list): TypeError, a list is not awaitable
# fails: 2
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    coros = [fetch_weather(client, city) for city in cities]
    return await asyncio.gather(coros)
