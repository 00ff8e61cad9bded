# wrong: each task appends its weather to a shared list when its call returns: the list is in finishing order, not the order of `cities`
# fails: 2
# says: in the order the calls finished
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    results = []

    async def one(city):
        results.append(await fetch_weather(client, city))

    async with asyncio.TaskGroup() as tg:
        for city in cities:
            tg.create_task(one(city))
    return results
