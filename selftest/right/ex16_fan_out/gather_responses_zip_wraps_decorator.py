# right: gather the three Response objects first, decode afterwards with zip; route wrapped in a functools.wraps timing decorator
import asyncio
import functools
import logging
import time
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

log = logging.getLogger(__name__)
PATHS = {"weather": "/weather", "news": "/news", "stocks": "/stocks"}


def timed(handler):
    @functools.wraps(handler)
    async def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return await handler(*args, **kwargs)
        finally:
            log.info("%s took %.3fs", handler.__name__, time.perf_counter() - start)
    return wrapper


@app.get("/dashboard")
@timed
async def dashboard(client: Client):
    responses = await asyncio.gather(*(client.get(path) for path in PATHS.values()))
    return {key: response.json() for key, response in zip(PATHS, responses)}
