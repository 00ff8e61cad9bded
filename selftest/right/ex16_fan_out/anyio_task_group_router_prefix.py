# right: anyio task group writing into a results dict, route on an APIRouter WITH prefix="/dashboard"
import asyncio
from typing import Annotated, Any

import httpx
import anyio
from fastapi import APIRouter, Depends, FastAPI

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

router = APIRouter(prefix="/dashboard", tags=["dashboard"])


@router.get("")
async def dashboard(client: Client):
    results: dict[str, Any] = {}

    async def grab(name: str) -> None:
        results[name] = (await client.get(f"/{name}")).json()

    async with anyio.create_task_group() as tg:
        for name in ("weather", "news", "stocks"):
            tg.start_soon(grab, name)
    return {"weather": results["weather"], "news": results["news"], "stocks": results["stocks"]}


app.include_router(router)
