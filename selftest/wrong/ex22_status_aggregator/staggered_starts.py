# wrong: staggers the start of every check by 0.05 s "to be gentle", so slots stand free while checks wait
# fails: 2
# says: a slot was free

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
        tasks = {}
        for name in UPSTREAMS:
            tasks[name] = tg.create_task(check(request.state.client, name, slots))
            await asyncio.sleep(0.05)  # be gentle: stagger the checks
    return {name: task.result() for name, task in tasks.items()}
