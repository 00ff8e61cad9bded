# wrong: one async dependency per upstream call (FastAPI resolves them one after another)
# fails: 2
# says: one after another
# says: Depends
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


async def weather(client: Client):
    return (await client.get("/weather")).json()


async def news(client: Client):
    return (await client.get("/news")).json()


async def stocks(client: Client):
    return (await client.get("/stocks")).json()


@app.get("/dashboard")
async def dashboard(w=Depends(weather), n=Depends(news), s=Depends(stocks)):
    return {"weather": w, "news": n, "stocks": s}
