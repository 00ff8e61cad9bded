# right: client kept on app.state (set in the lifespan, closed with try/finally aclose); create_task list + asyncio.wait
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
    app.state.http = httpx.AsyncClient(base_url=UPSTREAM_URL, transport=UPSTREAM_TRANSPORT)
    try:
        yield
    finally:
        await app.state.http.aclose()


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
    client: httpx.AsyncClient = request.app.state.http
    slots = asyncio.Semaphore(MAX_CONCURRENT)
    tasks = [asyncio.create_task(check(client, name, slots)) for name in UPSTREAMS]
    await asyncio.wait(tasks)
    return dict(zip(UPSTREAMS, (t.result() for t in tasks)))
