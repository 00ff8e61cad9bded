"""Exercise 22 · Capstone: a status aggregator (reference solution)."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI, Request

UPSTREAMS = ["auth", "billing", "search", "email"]
UPSTREAM_URL = "http://upstreams.internal"
UPSTREAM_TRANSPORT: httpx.AsyncBaseTransport | None = None  # the tests put their fakes here
MAX_CONCURRENT = 4  # upstream calls in flight at once, per /status request
TIMEOUT = 1.0  # seconds one upstream call may take


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=UPSTREAM_URL, transport=UPSTREAM_TRANSPORT) as client:
        yield {"client": client}


app = FastAPI(title="awaitlings · status aggregator", lifespan=lifespan)


async def check(client: httpx.AsyncClient, name: str, slots: asyncio.Semaphore) -> str:
    async with slots:
        try:
            async with asyncio.timeout(TIMEOUT):
                response = await client.get(f"/{name}/health")
        except TimeoutError:
            return "timeout"
        except httpx.HTTPError:
            return "down"
    return "ok" if response.status_code == 200 else "down"


@app.get("/status")
async def status(request: Request) -> dict[str, str]:
    slots = asyncio.Semaphore(MAX_CONCURRENT)
    async with asyncio.TaskGroup() as tg:
        tasks = {name: tg.create_task(check(request.state.client, name, slots)) for name in UPSTREAMS}
    return {name: task.result() for name, task in tasks.items()}


if __name__ == "__main__":  # `python exercises/ex22_status_aggregator.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
