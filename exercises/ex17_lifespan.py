"""Exercise 17 · Lifespan and dependencies

Some things should exist once per app, not once per request: an `httpx.AsyncClient` (it
keeps a pool of open connections) or a database pool. FastAPI's *lifespan* is the place:
the code before `yield` runs at startup, the code after it at shutdown.

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.cache = {}          # startup
        yield                         # the app serves requests here
        app.state.cache.clear()       # shutdown

Routes reach such things through dependencies (`Depends`). A dependency can also *lend*
something for the length of one request: written with `yield`, its code after the `yield`
runs when the request is over, after the response went out, even if the route raised
(if that code sits in a `finally:`).

    async def get_lock():
        await lock.acquire()
        try:
            yield lock                # the route runs here
        finally:
            lock.release()            # afterwards, whatever happened

The grader watches `httpx.AsyncClient(...)` in this module (it counts the clients made
and whether they were closed) and replaces the module attribute `pool` with its own fake
pool, so create the client with `httpx.AsyncClient(...)` and use `pool` as it is.

Your tasks:
  1. The lifespan creates ONE `httpx.AsyncClient` at startup, and every request uses it
     through `get_http_client` (hint: `app.state`, reachable as `request.app.state`).
  2. That client is closed at shutdown.
  3. `get_connection` lends each request a connection: `await pool.acquire()` before the
     route runs, `await pool.release(conn)` after the response.
  4. The connection goes back to the pool even when the route fails, whatever the error:
     an unknown order answers 404, a failing database lookup answers 500, and a request
     can be cancelled while the route runs (the client went away).

Check your work:  pytest tests/test_ex17_lifespan.py     Stuck?  awaitlings hint 17
Try it live:      uvicorn exercises.ex17_lifespan:app --reload   then open /docs
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request

UPSTREAM_URL = "http://shipping.test"

# A stand-in for the shipping service, served in-process so the app runs anywhere.
upstream = FastAPI(title="pretend shipping service")


@upstream.get("/shipping/{order_id}")
async def shipping_status(order_id: str) -> dict[str, str]:
    await asyncio.sleep(0.2)
    return {"order": order_id, "status": "in transit"}


ORDERS = {"A1": {"item": "teapot", "qty": 1}, "B2": {"item": "cups", "qty": 6}}


class Connection:
    """One database connection (pretend)."""

    def __init__(self, number: int) -> None:
        self.number = number

    async def fetch(self, order_id: str) -> dict[str, Any] | None:
        await asyncio.sleep(0.05)
        return ORDERS.get(order_id)


class ConnectionPool:
    """A tiny pretend pool: `conn = await pool.acquire()`, later `await pool.release(conn)`."""

    def __init__(self) -> None:
        self.opened = 0

    async def acquire(self) -> Connection:
        self.opened += 1
        return Connection(self.opened)

    async def release(self, conn: Connection) -> None:
        pass


# The database pool. The grader replaces this module attribute with its own fake pool.
pool = ConnectionPool()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # TODO: create the shared client here (startup) and close it after `yield` (shutdown).
    yield


app = FastAPI(title="awaitlings · lifespan", lifespan=lifespan)


async def get_http_client(request: Request) -> httpx.AsyncClient:
    # TODO: a new client for every request, never closed. Return the shared one instead.
    transport = httpx.ASGITransport(app=upstream)
    return httpx.AsyncClient(transport=transport, base_url=UPSTREAM_URL)


async def get_connection() -> Connection:
    # TODO: the connection is never given back. Lend it with `yield`, then release it.
    return await pool.acquire()


HttpClient = Annotated[httpx.AsyncClient, Depends(get_http_client)]
DbConnection = Annotated[Connection, Depends(get_connection)]


@app.get("/orders/{order_id}")
async def order(order_id: str, client: HttpClient, conn: DbConnection) -> dict[str, Any]:
    row = await conn.fetch(order_id)
    if row is None:
        raise HTTPException(status_code=404, detail=f"no order {order_id}")
    shipping = await client.get(f"/shipping/{order_id}")
    return {"order": row, "shipping": shipping.json()}


if __name__ == "__main__":  # `python exercises/ex17_lifespan.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
