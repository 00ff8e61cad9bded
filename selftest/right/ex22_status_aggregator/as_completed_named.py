# right: asyncio.as_completed over named wrapper coroutines; dict rebuilt in UPSTREAMS order
import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

UPSTREAMS = ["auth", "billing", "search", "email"]
UPSTREAM_URL = "http://upstreams.internal"
UPSTREAM_TRANSPORT: httpx.AsyncBaseTransport | None = None  # the tests put their fakes here
MAX_CONCURRENT = 4  # upstream calls in flight at once, per /status request
TIMEOUT = 1.0  # seconds one upstream call may take



@asynccontextmanager
async def lifespan(app: FastAPI):
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
    client = request.state.client
    slots = asyncio.Semaphore(MAX_CONCURRENT)

    async def named(name: str) -> tuple[str, str]:
        return name, await check(client, name, slots)

    found: dict[str, str] = {}
    for next_done in asyncio.as_completed([named(n) for n in UPSTREAMS]):
        name, word = await next_done
        found[name] = word
    return {name: found[name] for name in UPSTREAMS}
