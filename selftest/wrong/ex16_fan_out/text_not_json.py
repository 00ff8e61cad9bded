# wrong: returns the httpx responses' text instead of their JSON bodies
# fails: 1
# says: JSON body
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
    weather, news, stocks = await asyncio.gather(
        client.get("/weather"), client.get("/news"), client.get("/stocks")
    )
    return {"weather": weather.text, "news": news.text, "stocks": stocks.text}
