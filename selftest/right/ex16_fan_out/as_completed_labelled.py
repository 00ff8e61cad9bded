# right: as_completed over (name, body) coroutines, results put back under their own keys; JSONResponse
import asyncio
from typing import Annotated, Any

import httpx
from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse

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


async def labelled(client: httpx.AsyncClient, name: str) -> tuple[str, Any]:
    response = await client.get(f"/{name}")
    response.raise_for_status()
    return name, response.json()


@app.get("/dashboard")
async def dashboard(client: Client) -> JSONResponse:
    body: dict[str, Any] = {}
    for next_done in asyncio.as_completed([labelled(client, n) for n in ("weather", "news", "stocks")]):
        name, data = await next_done
        body[name] = data
    return JSONResponse({key: body[key] for key in ("weather", "news", "stocks")})
