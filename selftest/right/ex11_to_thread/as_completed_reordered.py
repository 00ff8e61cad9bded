# right: to_thread with functools.partial, as_completed over index-tagged coroutines, then put back in the given order
import asyncio
import functools


async def fetch_weather(client, city: str) -> str:
    call = functools.partial(client.get, city)
    return await asyncio.to_thread(call)


async def fetch_all(client, cities: list[str]) -> list[str]:
    async def tagged(i, city):
        return i, await fetch_weather(client, city)

    by_index = {}
    for next_done in asyncio.as_completed([tagged(i, c) for i, c in enumerate(cities)]):
        i, weather = await next_done
        by_index[i] = weather
    return [by_index[i] for i in range(len(cities))]
