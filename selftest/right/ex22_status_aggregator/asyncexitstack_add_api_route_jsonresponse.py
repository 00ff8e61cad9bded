# right: lifespan built on AsyncExitStack; route registered with add_api_route; module globals read via sys.modules; JSONResponse
import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

UPSTREAMS = ["auth", "billing", "search", "email"]
UPSTREAM_URL = "http://upstreams.internal"
UPSTREAM_TRANSPORT: httpx.AsyncBaseTransport | None = None  # the tests put their fakes here
MAX_CONCURRENT = 4  # upstream calls in flight at once, per /status request
TIMEOUT = 1.0  # seconds one upstream call may take

import sys
from contextlib import AsyncExitStack

from fastapi.responses import JSONResponse


def _settings():
    module = sys.modules[__name__]
    return module.UPSTREAMS, module.MAX_CONCURRENT, module.TIMEOUT


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with AsyncExitStack() as stack:
        client = await stack.enter_async_context(
            httpx.AsyncClient(base_url=UPSTREAM_URL, transport=UPSTREAM_TRANSPORT)
        )
        yield {"client": client}


app = FastAPI(title="awaitlings · status aggregator", lifespan=lifespan)


async def check(client: httpx.AsyncClient, name: str, slots: asyncio.Semaphore) -> str:
    _, _, timeout = _settings()
    await slots.acquire()
    try:
        async with asyncio.timeout(timeout):
            response = await client.get(f"/{name}/health")
        return "ok" if response.status_code == 200 else "down"
    except TimeoutError:
        return "timeout"
    except httpx.HTTPError:
        return "down"
    finally:
        slots.release()


async def status(request: Request) -> dict[str, str]:
    names, limit, _ = _settings()
    slots = asyncio.Semaphore(limit)
    async with asyncio.TaskGroup() as tg:
        pending = [(n, tg.create_task(check(request.state.client, n, slots))) for n in names]
    return JSONResponse({n: t.result() for n, t in pending})


app.add_api_route("/status", status, methods=["GET"])
