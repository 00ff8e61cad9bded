# wrong: asyncio.wait returns a set; reading results from `done` loses the order of `cities`
# fails: 2
# says: put each result back at its city's place
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    tasks = [asyncio.create_task(fetch_weather(client, c)) for c in cities]
    done, _ = await asyncio.wait(tasks)
    return [t.result() for t in done]
