# wrong: no per-call timeout: one slow upstream delays the whole answer
# fails: 3
# says: waited for it
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



async def check(client, name, slots):
    async with slots:
        try:
            response = await client.get(f"/{name}/health")
        except httpx.HTTPError:
            return "down"
    return "ok" if response.status_code == 200 else "down"


@app.get("/status")
async def status(request: Request):
    slots = asyncio.Semaphore(MAX_CONCURRENT)
    results = await asyncio.gather(*(check(request.state.client, n, slots) for n in UPSTREAMS))
    return dict(zip(UPSTREAMS, results))

