# wrong: concurrent, but opens a new httpx.AsyncClient for every call
# fails: 3
# says: new `httpx.AsyncClient`
import asyncio
from typing import Annotated, Any

import httpx
from fastapi import Depends, FastAPI

UPSTREAM_URL = "http://upstream.test"
upstream = FastAPI()


@upstream.get("/{part}")
async def upstream_part(part: str) -> Any:
    await asyncio.sleep(0.3)
    return {"part": part}


http_client = httpx.AsyncClient(transport=httpx.ASGITransport(app=upstream), base_url=UPSTREAM_URL)


async def get_http_client() -> httpx.AsyncClient:
    return http_client


Client = Annotated[httpx.AsyncClient, Depends(get_http_client)]

app = FastAPI()


async def fetch(path):
    async with httpx.AsyncClient(base_url=UPSTREAM_URL) as client:
        return (await client.get(path)).json()


@app.get("/dashboard")
async def dashboard():
    weather, news, stocks = await asyncio.gather(fetch("/weather"), fetch("/news"), fetch("/stocks"))
    return {"weather": weather, "news": news, "stocks": stocks}
