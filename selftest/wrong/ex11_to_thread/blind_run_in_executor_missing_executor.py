# wrong: loop.run_in_executor(client.get, city) forgets the executor argument: AttributeError, a method has no .submit
# fails: all
import asyncio


async def fetch_weather(client, city: str) -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, c) for c in cities))
