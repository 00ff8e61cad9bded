# wrong: gathers two calls, then awaits the third on its own
# fails: 2
# says: at most 2
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


async def fetch(client, path):
    return (await client.get(path)).json()


@app.get("/dashboard")
async def dashboard(client: Client):
    weather, news = await asyncio.gather(fetch(client, "/weather"), fetch(client, "/news"))
    stocks = await fetch(client, "/stocks")
    return {"weather": weather, "news": news, "stocks": stocks}
