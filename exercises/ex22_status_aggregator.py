"""Exercise 22 · Capstone: a status aggregator

Time to put it all together. `GET /status` asks every upstream service whether it is
healthy and answers with one word per upstream:

    {"auth": "ok", "billing": "down", "search": "timeout", "email": "ok"}

  * "ok"      the upstream answered `GET /<name>/health` with status 200;
  * "down"    it answered with any other status, or the request failed (`httpx.HTTPError`);
  * "timeout" it did not answer within TIMEOUT seconds.

A good aggregator is fast and polite: it asks the upstreams concurrently, but never more than
MAX_CONCURRENT at once (an `asyncio.Semaphore` inside each check); it gives every call its
own deadline (`async with asyncio.timeout(TIMEOUT):`), so one slow upstream costs at most
TIMEOUT and never a failed page; and it reuses one `httpx.AsyncClient` (its connection pool)
for the app's whole life instead of building one per request. The lifespan is where that
client is created and closed; whatever the lifespan yields as a dict is on `request.state`:

    @asynccontextmanager
    async def lifespan(app):
        async with Pool() as pool:
            yield {"pool": pool}        # then, in a route: request.state.pool

How the tests reach your client: they put an in-process transport with fake upstreams in
`UPSTREAM_TRANSPORT`, and set UPSTREAMS, MAX_CONCURRENT and TIMEOUT, before the app starts.
So create the client in the lifespan as
`httpx.AsyncClient(base_url=UPSTREAM_URL, transport=UPSTREAM_TRANSPORT)`, and read the
other settings while handling a request, not at import time. (Use `asyncio.timeout` for the
deadline: httpx's own `timeout=` limits each network phase, not the whole call, and does not
apply to the in-process transport.)

Your tasks:
  1. `GET /status` reports every upstream as "ok" or "down"; one failing upstream never fails
     the whole answer. It also works behind a real uvicorn server.
  2. The upstreams are checked concurrently, at most MAX_CONCURRENT at a time.
  3. Every call has its own TIMEOUT: a slow upstream is reported "timeout" and delays the
     answer by at most TIMEOUT.
  4. One shared `httpx.AsyncClient`, created in the lifespan and closed at shutdown.

Check your work:  pytest tests/test_ex22_status_aggregator.py    Stuck?  awaitlings hint 22
"""

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


if __name__ == "__main__":  # `python exercises/ex22_status_aggregator.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
