# right: starlette.concurrency.run_in_threadpool, asyncio.TaskGroup with a list of tasks read in order
import asyncio

from starlette.concurrency import run_in_threadpool


async def fetch_weather(client, city: str) -> str:
    return await run_in_threadpool(client.get, city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch_weather(client, c)) for c in cities]
    return [t.result() for t in tasks]
