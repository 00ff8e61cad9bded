# wrong: awaits the three upstream calls one after another
# fails: 2
# says: one after another
# says: █
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


@app.get("/dashboard")
async def dashboard(client: Client):
    weather = (await client.get("/weather")).json()
    news = (await client.get("/news")).json()
    stocks = (await client.get("/stocks")).json()
    return {"weather": weather, "news": news, "stocks": stocks}
