"""Running students' FastAPI apps for real: ASGI lifespan, in-process clients, uvicorn.

    async with serve_app(ex.app) as client:          # lifespan startup .. shutdown
        r = await client.get("/dashboard")           # real ASGI through httpx

    async with uvicorn_server(ex.app) as base_url:   # a real server on 127.0.0.1:<free port>
        async with httpx.AsyncClient(base_url=base_url) as client:
            ...

`uvicorn_server` runs uvicorn in its own thread with its own event loop, like
`uvicorn module:app` would, so an app that blocks its loop cannot stall the test's client.
It always stops the server and frees the port, also when the test fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from awaitlings.engine.clocks import real_monotonic, real_sleep
from awaitlings.engine.verdicts import Verdict


class LifespanFailed(Verdict):
    pass


@contextlib.asynccontextmanager
async def lifespan(app: Any, timeout: float = 10.0) -> AsyncIterator[dict[str, Any]]:
    """Drive the ASGI lifespan protocol (startup, then shutdown) around the block.

    Yields the lifespan state (what a `lifespan` function yields, if a dict).
    """
    state: dict[str, Any] = {}
    to_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    from_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def receive() -> dict[str, Any]:
        return await to_app.get()

    async def send(message: dict[str, Any]) -> None:
        await from_app.put(message)

    scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}, "state": state}
    task = asyncio.create_task(app(scope, receive, send), name="lifespan")
    await to_app.put({"type": "lifespan.startup"})
    message = await _next_message(from_app, task, timeout, "startup")
    if message["type"] == "lifespan.startup.failed":
        await _finish(task)
        raise LifespanFailed(f"The app failed to start (lifespan startup): {message.get('message', '')}")
    try:
        yield state
    finally:
        await to_app.put({"type": "lifespan.shutdown"})
        try:
            message = await _next_message(from_app, task, timeout, "shutdown")
            if message["type"] == "lifespan.shutdown.failed":
                raise LifespanFailed(f"The app failed to shut down: {message.get('message', '')}")
        finally:
            await _finish(task)


async def _next_message(
    queue: asyncio.Queue[dict[str, Any]], task: asyncio.Task[Any], timeout: float, phase: str
) -> dict[str, Any]:
    getter = asyncio.ensure_future(queue.get())
    done, _ = await asyncio.wait({getter, task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    if getter in done:
        return getter.result()
    getter.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await getter
    if task in done:
        exc = task.exception()
        raise LifespanFailed(f"The app's lifespan crashed during {phase}: {type(exc).__name__}: {exc}")
    raise LifespanFailed(f"The app's lifespan {phase} did not finish within {timeout:g} s.")


async def _finish(task: asyncio.Task[Any]) -> None:
    if not task.done():
        task.cancel()
    with contextlib.suppress(BaseException):
        await task


def with_state(app: Any, state: dict[str, Any]) -> Any:
    """Give each request the lifespan state, as servers do (`request.state`)."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "state": dict(state)}
        await app(scope, receive, send)

    return wrapped


@contextlib.asynccontextmanager
async def serve_app(app: Any, base_url: str = "http://testserver") -> AsyncIterator[Any]:
    """Lifespan startup, an httpx AsyncClient over ASGI, then shutdown."""
    import httpx

    async with lifespan(app) as state:
        transport = httpx.ASGITransport(app=with_state(app, state))
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
            yield client


def free_socket() -> socket.socket:
    """A listening-ready TCP socket bound to 127.0.0.1 on a port the OS picked."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextlib.asynccontextmanager
async def uvicorn_server(app: Any, startup_timeout: float = 15.0) -> AsyncIterator[str]:
    """A real uvicorn server for `app` on 127.0.0.1, in its own thread; yields its base URL."""
    import uvicorn

    sock = free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="auto", access_log=False)
    server = uvicorn.Server(config)
    # (uvicorn installs signal handlers only in the main thread; this server runs in another.)
    errors: list[BaseException] = []

    def serve() -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=serve, name=f"uvicorn-127.0.0.1:{port}", daemon=True)
    thread.start()
    try:
        deadline = real_monotonic() + startup_timeout
        while not server.started:
            if errors or not thread.is_alive():
                raise Verdict(f"uvicorn could not start the app: {errors[0] if errors else 'it exited'}")
            if real_monotonic() > deadline:
                raise Verdict(f"uvicorn did not start the app within {startup_timeout:g} s.")
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.get_running_loop().run_in_executor(None, _join, thread, 10.0)
        if thread.is_alive():
            server.force_exit = True
            await asyncio.get_running_loop().run_in_executor(None, _join, thread, 5.0)
        sock.close()


def _join(thread: threading.Thread, timeout: float) -> None:
    end = real_monotonic() + timeout
    while thread.is_alive() and real_monotonic() < end:
        thread.join(0.05)
        real_sleep(0)


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@dataclass
class Exchange:
    """One request as the app answered it: every ASGI message stamped with the loop time.

    httpx's ASGITransport hands back a response only after the app has finished, so it cannot
    show *when* the response went out; calling the app directly can.
    """

    started: float = 0.0
    ended: float = 0.0
    messages: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    disconnected_at: int | None = None  # how many messages had been sent when the client left
    disconnect_time: float | None = None
    error: BaseException | None = None

    @property
    def start(self) -> dict[str, Any] | None:
        return next((m for _, m in self.messages if m["type"] == "http.response.start"), None)

    @property
    def status(self) -> int | None:
        start = self.start
        return start["status"] if start else None

    @property
    def chunks(self) -> list[tuple[float, bytes]]:
        return [(t, m.get("body", b"")) for t, m in self.messages if m["type"] == "http.response.body"]

    @property
    def body(self) -> bytes:
        return b"".join(body for _, body in self.chunks)

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")

    @property
    def response_sent(self) -> float | None:
        """When the last byte of the response went out."""
        for t, m in self.messages:
            if m["type"] == "http.response.body" and not m.get("more_body", False):
                return t
        return None

    def arrival(self, upto: int) -> float | None:
        """When the client had received the first `upto` bytes."""
        got = 0
        for t, body in self.chunks:
            got += len(body)
            if got >= upto:
                return t
        return None


async def asgi_call(
    app: Any,
    method: str,
    path: str,
    *,
    query: str = "",
    json_body: Any = None,
    hang_up_after_bytes: int | None = None,
) -> Exchange:
    """Call the ASGI app as a server would and record what it sends, and when.

    The client disconnects once it has the whole answer, or after `hang_up_after_bytes`.
    An exception from the app is kept in `error` (for the test to explain), not raised.
    """
    from awaitlings.engine.clocks import now

    body = b"" if json_body is None else json.dumps(json_body).encode()
    exchange = Exchange(started=now())
    leave = asyncio.Event()
    request_read = False
    received = 0

    async def receive() -> dict[str, Any]:
        nonlocal request_read
        if not request_read:
            request_read = True
            return {"type": "http.request", "body": body, "more_body": False}
        await leave.wait()
        if exchange.disconnected_at is None:
            exchange.disconnected_at = len(exchange.messages)
            exchange.disconnect_time = now()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal received
        exchange.messages.append((now(), message))
        if message["type"] == "http.response.body":
            received += len(message.get("body", b""))
            last = not message.get("more_body", False)
            if last or (hang_up_after_bytes is not None and received >= hang_up_after_bytes):
                leave.set()

    headers = [(b"host", b"testserver")]
    if json_body is not None:
        headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "headers": headers,
    }
    try:
        await app(scope, receive, send)
    except Exception as exc:  # the app's own error: the test explains it to the student
        exchange.error = exc
    exchange.ended = now()
    return exchange
