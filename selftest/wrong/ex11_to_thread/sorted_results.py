# wrong: gathers in the right order, then sorts the weather strings, which loses the order of `cities`
# fails: 2
# says: in another order than `cities`
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return sorted(await asyncio.gather(*(fetch_weather(client, c) for c in cities)))
