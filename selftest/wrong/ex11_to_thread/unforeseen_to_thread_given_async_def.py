# wrong: runs an async def helper through to_thread (an unforeseen mistake: the explainer names the line)
# fails: 1
# says: ex11_to_thread.py:15
# says: handed an `async def` function

import asyncio


async def _get(client, city: str) -> str:
    return client.get(city)


async def fetch_weather(client, city: str) -> str:
    report = await asyncio.to_thread(_get, client, city)
    return report.strip()


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, city) for city in cities))
