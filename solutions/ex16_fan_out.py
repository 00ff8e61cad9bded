"""Exercise 16 · Fan-out inside a route (reference solution)."""

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


async def fetch(client: httpx.AsyncClient, path: str) -> Any:
    response = await client.get(path)
    response.raise_for_status()
    return response.json()


@app.get("/dashboard")
async def dashboard(client: Client) -> dict[str, Any]:
    weather, news, stocks = await asyncio.gather(
        fetch(client, "/weather"), fetch(client, "/news"), fetch(client, "/stocks")
    )
    return {"weather": weather, "news": news, "stocks": stocks}


if __name__ == "__main__":  # `python exercises/ex16_fan_out.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
