# wrong: the stub as given
# fails: all
# says: without calling a single upstream


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
    # TODO: create one httpx.AsyncClient for the whole app (see above), yield it in a dict so
    #       routes find it on request.state, and let `async with` close it at shutdown.
    yield


app = FastAPI(title="awaitlings · status aggregator", lifespan=lifespan)


async def check(client: httpx.AsyncClient, name: str, slots: asyncio.Semaphore) -> str:
    # TODO: inside the semaphore and a TIMEOUT deadline, GET /<name>/health;
    #       return "ok", "down" or "timeout".
    return "down"


@app.get("/status")
async def status(request: Request) -> dict[str, str]:
    # TODO: check every name in UPSTREAMS concurrently (a TaskGroup or asyncio.gather),
    #       at most MAX_CONCURRENT at a time, and return {name: status}.
    return {}
