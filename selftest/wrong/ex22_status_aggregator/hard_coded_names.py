# wrong: hard-codes the upstream names from the example
# fails: 1, 2, 3, 4
# says: the upstreams in this test are
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
            async with asyncio.timeout(TIMEOUT):
                response = await client.get(f"/{name}/health")
        except TimeoutError:
            return "timeout"
        except httpx.HTTPError:
            return "down"
    return "ok" if response.status_code == 200 else "down"



@app.get("/status")
async def status(request: Request):
    names = ["auth", "billing", "search", "email"]
    slots = asyncio.Semaphore(MAX_CONCURRENT)
    results = await asyncio.gather(*(check(request.state.client, n, slots) for n in names))
    return dict(zip(names, results))
