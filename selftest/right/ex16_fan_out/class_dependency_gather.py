# right: a class dependency wrapping the shared client (it Depends on get_http_client), gather inside a method
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


class Upstream:
    def __init__(self, client: Client) -> None:
        self.client = client

    async def json(self, path: str) -> Any:
        return (await self.client.get(path)).json()

    async def dashboard(self) -> dict[str, Any]:
        weather, news, stocks = await asyncio.gather(
            self.json("/weather"), self.json("/news"), self.json("/stocks")
        )
        return {"weather": weather, "news": news, "stocks": stocks}


@app.get("/dashboard")
async def dashboard(upstream_api: Annotated[Upstream, Depends()]):
    return await upstream_api.dashboard()
