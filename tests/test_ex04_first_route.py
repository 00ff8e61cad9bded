"""Exercise 4 · Your first async route, graded through real ASGI (httpx + ASGITransport)."""

from collections.abc import AsyncIterator

import httpx
import pytest

from awaitlings.probes import asgi_client, expect_app, expect_async_handler, fail, gather_requests


@pytest.fixture
async def client(ex) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the student's app through real ASGI. An async fixture: pytest-asyncio runs it
    on the test's own loop (the grader's virtual clock), before and after the test body."""
    async with asgi_client(expect_app(ex)) as client:
        yield client


def expect_json(response) -> None:
    """The response says it is JSON: content-type application/json (a charset may follow)."""
    content_type = response.headers.get("content-type")
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type != "application/json":
        sent = f'with content-type "{content_type}"' if content_type else "with no content-type at all"
        raise fail(
            f"GET /ping answered {response.text!r} {sent}, so a client does not read it as JSON. "
            "The body must be sent as JSON (content-type application/json): return a dict such "
            'as {"message": "pong"} and FastAPI sends it as JSON, or return a `JSONResponse`. '
            "`PlainTextResponse`, `HTMLResponse` and a bare `Response(json.dumps(...))` do not "
            "say they hold JSON."
        )


@pytest.mark.task(1)
async def test_ping_answers_pong(client):
    response = await client.get("/ping")
    if response.status_code == 404:
        raise fail("GET /ping answered 404 Not Found: the app has no /ping route yet.")
    if response.status_code != 200:
        raise fail(f"GET /ping answered {response.status_code}; expected 200.\n{response.text}")
    expect_json(response)
    body = response.json()
    if body != {"message": "pong"}:
        raise fail(f'GET /ping returned {body!r}; expected {{"message": "pong"}}.')
    # Eight clients at once: all of them get their pong.
    many = await gather_requests(*(client.get("/ping") for _ in range(8)))
    for r in many:
        expect_json(r)
    if [r.json() for r in many] != [{"message": "pong"}] * 8:
        raise fail("Some of 8 concurrent GET /ping requests did not get the pong.")


@pytest.mark.task(2)
async def test_ping_handler_is_async(ex):
    # Found as FastAPI serves it (an included APIRouter counts), judged by FastAPI's own rule
    # (a `functools.wraps` decorator around an `async def` handler still runs on the loop).
    await expect_async_handler(
        expect_app(ex),
        "/ping",
        why="A handler that does no blocking work belongs on the event loop. Write it as `async def`.",
    )
