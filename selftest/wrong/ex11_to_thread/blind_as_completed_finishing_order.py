# wrong: fetch_all returns the weather in the order the threads finish, not in the order of `cities`
# fails: 2
# says: in the order the calls finished
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    results = []
    for coro in asyncio.as_completed([fetch_weather(client, c) for c in cities]):
        results.append(await coro)
    return results
