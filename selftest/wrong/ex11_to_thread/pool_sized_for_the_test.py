# wrong: its own thread pool with exactly 4 workers: all calls overlap only while there are at most 4 cities
# fails: 2
import asyncio
from concurrent.futures import ThreadPoolExecutor

POOL = ThreadPoolExecutor(max_workers=4)


async def fetch_weather(client, city: str) -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(POOL, client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, city) for city in cities))
