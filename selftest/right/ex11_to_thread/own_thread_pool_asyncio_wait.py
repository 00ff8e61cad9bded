# right: fetch_all uses its own ThreadPoolExecutor sized to the cities, asyncio.wait, results read from the futures in order
import asyncio
from concurrent.futures import ThreadPoolExecutor


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    if not cities:
        return []
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=len(cities), thread_name_prefix="weather") as pool:
        futures = [loop.run_in_executor(pool, client.get, city) for city in cities]
        await asyncio.wait(futures)
    return [f.result() for f in futures]
