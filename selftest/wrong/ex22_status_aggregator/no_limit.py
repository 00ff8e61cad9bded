# wrong: no concurrency limit: every upstream at once
# fails: 2
# says: in flight at once
# says: Semaphore
import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

UPSTREAMS = ["auth", "billing", "search", "email"]
UPSTREAM_URL = "http://upstreams.internal"
UPSTREAM_TRANSPORT = None
MAX_CONCURRENT = 4
TIMEOUT = 1.0


@asynccontextmanager
async def lifespan(app):
    async with httpx.AsyncClient(base_url=UPSTREAM_URL, transport=UPSTREAM_TRANSPORT) as client:
        yield {"client": client}


app = FastAPI(lifespan=lifespan)



async def check(client, name, slots=None):
    try:
        async with asyncio.timeout(TIMEOUT):
            response = await client.get(f"/{name}/health")
    except TimeoutError:
        return "timeout"
    except httpx.HTTPError:
        return "down"
    return "ok" if response.status_code == 200 else "down"


@app.get("/status")
async def status(request: Request):
    results = await asyncio.gather(*(check(request.state.client, n) for n in UPSTREAMS))
    return dict(zip(UPSTREAMS, results))
