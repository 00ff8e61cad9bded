# wrong: fetch_all awaits each run_in_executor call inside the loop, so the cities are fetched one after another
# fails: 2
import asyncio


async def fetch_weather(client, city: str) -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    loop = asyncio.get_running_loop()
    return [await loop.run_in_executor(None, client.get, c) for c in cities]
