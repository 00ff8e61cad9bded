# right: loop.run_in_executor(None, client.get, city) on the default thread pool, gather in fetch_all
"""Blocking weather client run on the loop's default thread pool."""

import asyncio


async def fetch_weather(client, city: str) -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, city) for city in cities))
