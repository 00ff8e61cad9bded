# wrong: uses to_thread, but awaits each city before asking for the next
# fails: 2
# says: one after another
# says: █
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    results = []
    for city in cities:
        results.append(await asyncio.to_thread(client.get, city))
    return results
