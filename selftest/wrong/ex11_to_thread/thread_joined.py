# wrong: starts a threading.Thread by hand, then join()s it on the event loop
# fails: all
# says: blocked
import asyncio
import threading


async def fetch_weather(client, city: str) -> str:
    box = []
    worker = threading.Thread(target=lambda: box.append(client.get(city)))
    worker.start()
    worker.join()
    return box[0]


async def fetch_all(client, cities: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_weather(client, city) for city in cities))
