# right: asyncio.wait on named tasks (ALL_COMPLETED), pydantic response_model, route registered with app.add_api_route
import asyncio
from typing import Annotated, Any

import httpx
from fastapi import Depends, FastAPI
from pydantic import BaseModel

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


class Dashboard(BaseModel):
    weather: dict[str, Any]
    news: list[str]
    stocks: dict[str, float]


async def dashboard(client: Client) -> Dashboard:
    tasks = {
        asyncio.create_task(client.get(f"/{name}"), name=name)
        for name in ("weather", "news", "stocks")
    }
    done, _ = await asyncio.wait(tasks)
    bodies = {task.get_name(): task.result().json() for task in done}
    return Dashboard(**bodies)


app.add_api_route("/dashboard", dashboard, methods=["GET"], response_model=Dashboard)
