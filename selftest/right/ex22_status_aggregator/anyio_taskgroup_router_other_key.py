# right: anyio task group filling a dict; APIRouter + include_router; lifespan yields the client under the key "http"
import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

UPSTREAMS = ["auth", "billing", "search", "email"]
UPSTREAM_URL = "http://upstreams.internal"
UPSTREAM_TRANSPORT: httpx.AsyncBaseTransport | None = None  # the tests put their fakes here
MAX_CONCURRENT = 4  # upstream calls in flight at once, per /status request
TIMEOUT = 1.0  # seconds one upstream call may take

import anyio
from fastapi import APIRouter


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with httpx.AsyncClient(base_url=UPSTREAM_URL, transport=UPSTREAM_TRANSPORT) as http:
        yield {"http": http}


app = FastAPI(title="awaitlings · status aggregator", lifespan=lifespan)
router = APIRouter()


async def check(client: httpx.AsyncClient, name: str, slots: asyncio.Semaphore) -> str:
    async with slots:
        try:
            async with asyncio.timeout(TIMEOUT):
                response = await client.get(f"/{name}/health")
            response.raise_for_status()
        except TimeoutError:
            return "timeout"
        except httpx.HTTPError:
            return "down"
        return "ok" if response.status_code == 200 else "down"


@router.get("/status")
async def status(request: Request) -> dict[str, str]:
    results: dict[str, str] = {}
    slots = asyncio.Semaphore(MAX_CONCURRENT)

    async def run(name: str) -> None:
        results[name] = await check(request.state.http, name, slots)

    async with anyio.create_task_group() as tg:
        for name in UPSTREAMS:
            tg.start_soon(run, name)
    return {name: results[name] for name in UPSTREAMS}


app.include_router(router)
