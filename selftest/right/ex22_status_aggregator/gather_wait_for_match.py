# right: asyncio.gather(*...) in the route; check uses asyncio.wait_for for the per-call deadline and match on the status code
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
    client = httpx.AsyncClient(base_url=UPSTREAM_URL, transport=UPSTREAM_TRANSPORT)
    async with client:
        yield {"client": client}


app = FastAPI(title="awaitlings · status aggregator", lifespan=lifespan)


async def check(client: httpx.AsyncClient, name: str, slots: asyncio.Semaphore) -> str:
    async with slots:
        try:
            response = await asyncio.wait_for(client.get(f"/{name}/health"), timeout=TIMEOUT)
        except asyncio.TimeoutError:
            return "timeout"
        except httpx.HTTPError:
            return "down"
    match response.status_code:
        case 200:
            return "ok"
        case _:
            return "down"


@app.get("/status")
async def status(request: Request) -> dict[str, str]:
    slots = asyncio.Semaphore(MAX_CONCURRENT)
    names = list(UPSTREAMS)
    words = await asyncio.gather(*(check(request.state.client, n, slots) for n in names))
    return dict(zip(names, words))
