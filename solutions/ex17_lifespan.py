"""Exercise 17 · Lifespan and dependencies (reference solution)."""

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
    transport = httpx.ASGITransport(app=upstream)
    async with httpx.AsyncClient(transport=transport, base_url=UPSTREAM_URL) as client:
        app.state.http_client = client  # startup: one client for the whole app
        yield
    # leaving `async with` closed it: shutdown


app = FastAPI(title="awaitlings · lifespan", lifespan=lifespan)


async def get_http_client(request: Request) -> httpx.AsyncClient:
    return request.app.state.http_client


async def get_connection() -> AsyncIterator[Connection]:
    conn = await pool.acquire()
    try:
        yield conn  # the route runs (and its response is sent) here
    finally:
        await pool.release(conn)  # also when the route raised


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
