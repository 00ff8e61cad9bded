# wrong: `async with asyncio.timeout:` without calling it (TypeError -> 500)
# fails: all
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
            async with asyncio.timeout:
                response = await client.get(f"/{name}/health")
        except TimeoutError:
            return "timeout"
        except httpx.HTTPError:
            return "down"
        return "ok" if response.status_code == 200 else "down"


@app.get("/status")
async def status(request: Request) -> dict[str, str]:
    slots = asyncio.Semaphore(MAX_CONCURRENT)
    words = await asyncio.gather(*(check(request.state.client, n, slots) for n in UPSTREAMS))
    return dict(zip(UPSTREAMS, words))
