# right: to_thread(lambda: client.get(city)), create_task for every city first, then await each task in order
import asyncio


async def fetch_weather(client, city: str) -> str:
    weather = await asyncio.to_thread(lambda: client.get(city))
    return weather


async def fetch_all(client, cities: list[str]) -> list[str]:
    tasks = []
    for city in cities:
        tasks.append(asyncio.create_task(fetch_weather(client, city)))
    results = []
    for task in tasks:
        results.append(await task)
    return results
