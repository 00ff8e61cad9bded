# wrong: no semaphore; gathers the checks in fixed batches of MAX_CONCURRENT, so each batch waits for its slowest upstream before the next starts
# fails: 2
# says: not in batches
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


async def check(client: httpx.AsyncClient, name: str) -> str:
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
    client = request.state.client
    names = list(UPSTREAMS)
    report: dict[str, str] = {}
    for i in range(0, len(names), MAX_CONCURRENT):
        batch = names[i:i + MAX_CONCURRENT]
        words = await asyncio.gather(*(check(client, name) for name in batch))
        report.update(zip(batch, words))
    return report
