# wrong: concurrent, but a new client per request, imported as `from httpx import AsyncClient`
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

from httpx import AsyncClient


@app.get("/dashboard")
async def dashboard():
    async with AsyncClient(base_url=UPSTREAM_URL) as client:
        async with asyncio.TaskGroup() as tg:
            tasks = {p: tg.create_task(client.get(f"/{p}")) for p in ("weather", "news", "stocks")}
    return {p: t.result().json() for p, t in tasks.items()}
