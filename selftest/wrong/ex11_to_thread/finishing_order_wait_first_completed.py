# wrong: collects results with asyncio.wait(FIRST_COMPLETED) in a loop, in the order the calls finish
# fails: 2
# says: in the order the calls finished
import asyncio


async def fetch_weather(client, city: str) -> str:
    return await asyncio.to_thread(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    pending = {asyncio.create_task(fetch_weather(client, c)) for c in cities}
    results = []
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        results.extend(t.result() for t in done)
    return results
