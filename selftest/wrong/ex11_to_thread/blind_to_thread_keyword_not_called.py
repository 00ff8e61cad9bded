# wrong: `await asyncio.to_thread` without calling it (then the result is used as a function): TypeError
# fails: all
import asyncio


async def fetch_weather(client, city: str) -> str:
    runner = await asyncio.to_thread
    return runner(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, c) for c in cities))
