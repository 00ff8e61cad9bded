"""The probes that read a student's app the way FastAPI serves it, checked against FastAPI itself."""

from __future__ import annotations

import functools
import threading
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from awaitlings.probes import Verdict, asgi_client, route_endpoint, runs_on_loop


def _deco(f: Any) -> Any:
    @functools.wraps(f)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        return await f(*args, **kwargs)

    return wrapper


async def _hello() -> dict[str, str]:
    return {"hello": "world"}


def _apps() -> dict[str, tuple[FastAPI, str]]:
    plain = FastAPI()
    plain.get("/hello")(_hello)
    prefixed, router = FastAPI(), APIRouter()
    router.get("/hello")(_hello)
    prefixed.include_router(router, prefix="/api")
    unprefixed, router2 = FastAPI(), APIRouter(prefix="/v1")
    router2.get("/hello")(_hello)
    unprefixed.include_router(router2)
    nested, outer, inner = FastAPI(), APIRouter(), APIRouter()
    inner.get("/hello")(_hello)
    outer.include_router(inner, prefix="/in")
    nested.include_router(outer, prefix="/out")
    added = FastAPI()
    added.add_api_route("/hello", _hello, methods=["GET"])
    mounted, sub = FastAPI(), FastAPI()
    sub.get("/hello")(_hello)
    mounted.mount("/sub", sub)
    return {
        "app.get": (plain, "/hello"),
        "router with prefix": (prefixed, "/api/hello"),
        "router's own prefix": (unprefixed, "/v1/hello"),
        "nested routers": (nested, "/out/in/hello"),
        "add_api_route": (added, "/hello"),
        "mounted sub-app": (mounted, "/sub/hello"),
    }


@pytest.mark.parametrize("style", list(_apps()))
async def test_route_endpoint_finds_a_route_however_it_was_added(style):
    app, path = _apps()[style]
    assert await route_endpoint(app, path) is _hello
    with pytest.raises(Verdict, match="serves no `POST"):
        await route_endpoint(app, path, "POST")
    with pytest.raises(Verdict, match="serves no `GET /nowhere`"):
        await route_endpoint(app, "/nowhere")


async def test_route_endpoint_does_not_run_the_handler():
    app, calls = FastAPI(), []

    @app.get("/items/{item_id}")
    async def item(item_id: str) -> dict[str, str]:
        calls.append(item_id)
        return {"id": item_id}

    @app.post("/other")
    async def other() -> None:
        calls.append("other")

    assert await route_endpoint(app, "/items/7") is item
    assert calls == []


def _sync() -> dict[str, str]:
    return {"thread": threading.current_thread().name}


async def _async() -> dict[str, str]:
    return {"thread": threading.current_thread().name}


class _AsyncCallable:
    async def __call__(self) -> dict[str, str]:
        return {"thread": threading.current_thread().name}


class _SyncCallable:
    def __call__(self) -> dict[str, str]:
        return {"thread": threading.current_thread().name}


HANDLERS: dict[str, Any] = {
    "def": _sync,
    "async def": _async,
    "functools.wraps around async def": _deco(_async),
    "partial of async def": functools.partial(_async),
    "partial of def": functools.partial(_sync),
    "instance with async __call__": _AsyncCallable(),
    "instance with def __call__": _SyncCallable(),
}


@pytest.mark.realtime
@pytest.mark.parametrize("shape", list(HANDLERS))
async def test_runs_on_loop_agrees_with_where_fastapi_runs_the_handler(shape):
    # If a FastAPI release changes its rule, this fails before any student is misjudged.
    app = FastAPI()
    app.add_api_route("/where", HANDLERS[shape], methods=["GET"])
    async with asgi_client(app) as client:
        thread = (await client.get("/where")).json()["thread"]
    on_loop = thread == threading.current_thread().name
    assert runs_on_loop(HANDLERS[shape]) is on_loop, f"{shape}: FastAPI ran it in {thread}"


async def test_counting_transport_counts_the_requests_it_carries():
    from fastapi import FastAPI

    from awaitlings.probes import CountingTransport

    app = FastAPI()

    @app.get("/x")
    async def x() -> dict[str, int]:
        return {"x": 1}

    transport = CountingTransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        for _ in range(3):
            assert (await client.get("/x")).json() == {"x": 1}
    assert transport.requests == 3


def test_unsorted_and_reorderings_rule_out_sorted_and_given_orders():
    import random

    from awaitlings.probes import reorderings, unsorted

    for _ in range(50):
        items = unsorted(lambda: random.sample(range(100), 5))
        assert items not in (sorted(items), sorted(items, reverse=True))
        given, backwards, shuffled = reorderings(items)
        assert given == items and backwards == items[::-1]
        assert shuffled not in (items, items[::-1], sorted(items), sorted(items, reverse=True))
        assert sorted(shuffled) == sorted(items)
