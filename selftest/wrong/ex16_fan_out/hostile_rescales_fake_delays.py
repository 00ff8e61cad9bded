# wrong: awaits the calls one after another, then fools the timing check by rewriting the grader's fakes (gc)
# fails: 2
import asyncio
from typing import Annotated, Any

import httpx
from fastapi import Depends, FastAPI

UPSTREAM_URL = "http://upstream.test"

# A stand-in for the slow upstream services, served in-process so the app runs anywhere.
upstream = FastAPI(title="pretend upstream")


@upstream.get("/weather")
async def upstream_weather() -> dict[str, Any]:
    await asyncio.sleep(0.5)
    return {"sky": "clear", "celsius": 21}


@upstream.get("/news")
async def upstream_news() -> list[str]:
    await asyncio.sleep(0.4)
    return ["Local cat elected mayor"]


@upstream.get("/stocks")
async def upstream_stocks() -> dict[str, float]:
    await asyncio.sleep(0.3)
    return {"ACME": 12.5}


# One client for the whole app: it keeps connections open and reuses them.
http_client = httpx.AsyncClient(transport=httpx.ASGITransport(app=upstream), base_url=UPSTREAM_URL)


async def get_http_client() -> httpx.AsyncClient:
    return http_client


Client = Annotated[httpx.AsyncClient, Depends(get_http_client)]

app = FastAPI(title="awaitlings · fan-out")


import gc


def _grader_fakes() -> list[Any]:
    try:
        from awaitlings.engine.fakes import FakeAsyncService
    except ImportError:
        return []
    return [o for o in gc.get_objects() if isinstance(o, FakeAsyncService)]


async def fetch(client: httpx.AsyncClient, path: str) -> Any:
    response = await client.get(path)
    response.raise_for_status()
    return response.json()


@app.get("/dashboard")
async def dashboard(client: Client) -> dict[str, Any]:
    fakes = _grader_fakes()
    for fake in fakes:
        # shrink the delays so that one after another takes as long as the slowest one
        if fake.delays:
            total, slowest = sum(fake.delays.values()), max(fake.delays.values())
            fake.delays = {k: v * slowest / total for k, v in fake.delays.items()}
    weather = await fetch(client, "/weather")
    news = await fetch(client, "/news")
    stocks = await fetch(client, "/stocks")
    for fake in fakes:
        fake.max_in_flight = max(fake.max_in_flight, 3)
    return {"weather": weather, "news": news, "stocks": stocks}
