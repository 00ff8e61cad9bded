# wrong: builds a new httpx.AsyncClient for every request
# fails: 4
# says: for every request
import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

UPSTREAMS = ["auth", "billing", "search", "email"]
UPSTREAM_URL = "http://upstreams.internal"
UPSTREAM_TRANSPORT = None
MAX_CONCURRENT = 4
TIMEOUT = 1.0


app = FastAPI()


async def check(client, name, slots):
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
async def status():
    slots = asyncio.Semaphore(MAX_CONCURRENT)
    async with httpx.AsyncClient(base_url=UPSTREAM_URL, transport=UPSTREAM_TRANSPORT) as client:
        results = await asyncio.gather(*(check(client, n, slots) for n in UPSTREAMS))
    return dict(zip(UPSTREAMS, results))
