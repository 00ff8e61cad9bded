# wrong: cheats: calls the client on the loop after zeroing its delay and faking its records
# fails: all
import asyncio


def _disarm(client):
    client.delay = 0              # the fake answers at once
    client.loop_thread = -1       # every call now looks as if it came from a worker thread


async def fetch_weather(client, city: str) -> str:
    _disarm(client)
    return client.get(city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    _disarm(client)
    results = [client.get(city) for city in cities]
    client.max_in_flight = len(cities)  # "they all overlapped"
    return results
