# right: anyio.to_thread.run_sync in fetch_weather, anyio task group writing results into slots by index
import asyncio

import anyio
import anyio.to_thread


async def fetch_weather(client, city: str) -> str:
    return await anyio.to_thread.run_sync(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    results: list[str | None] = [None] * len(cities)

    async def fetch_into(i: int, city: str) -> None:
        results[i] = await fetch_weather(client, city)

    async with anyio.create_task_group() as tg:
        for i, city in enumerate(cities):
            tg.start_soon(fetch_into, i, city)
    return results  # type: ignore[return-value]
