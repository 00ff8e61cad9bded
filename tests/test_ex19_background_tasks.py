"""Exercise 19 · Background tasks, graded by calling the ASGI app directly on the virtual clock.

Starlette runs background tasks after the response has been sent but within the same ASGI
call, so an httpx client (ASGITransport) would only return once the background work is done
too. The tests therefore call the app themselves and stamp every message it sends with the
loop time, to compare "response sent" with the fake mailer's own record of when it started
and finished. The mailer is given to the app by overriding the `get_mailer` dependency.
"""

import asyncio
import json
import secrets
from typing import Any

import pytest

from awaitlings.engine.servers import Exchange, asgi_call
from awaitlings.probes import FakeAsyncService, Stopwatch, close_to, expect_app, fail, require, secs


class SlowMailer(FakeAsyncService):
    """A slow mail service: `await mailer.send(to, text)`; remembers what it delivered.

    Like a real async client (an httpx.AsyncClient, a database pool), it belongs to the event
    loop it was made on, and refuses to work on another one (`asyncio.run` in a thread).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("mailer", **kwargs)
        self.sent: list[tuple[str, str]] = []
        self.home_loop = asyncio.get_running_loop()
        self.foreign_loop_calls = 0

    async def send(self, to: str, text: str) -> None:
        if asyncio.get_running_loop() is not self.home_loop:
            self.foreign_loop_calls += 1
            raise RuntimeError("the mailer is attached to a different event loop")
        await self.call(to)
        self.sent.append((to, text))


def new_orders(count: int) -> list[dict[str, str]]:
    return [
        {"email": f"{secrets.token_hex(4)}@example.com", "item": f"teapot-{secrets.token_hex(3)}"} for _ in range(count)
    ]


def app_with(ex, monkeypatch, mailer: SlowMailer) -> Any:
    app = expect_app(ex)
    get_mailer = require(ex, "get_mailer")

    async def give_mailer() -> SlowMailer:  # async: `def` overrides run in a thread pool
        return mailer

    monkeypatch.setitem(app.dependency_overrides, get_mailer, give_mailer)
    return app


def expect_answer(exchange: Exchange, order: dict[str, str]) -> None:
    if exchange.status is None:
        error = f" It raised {type(exchange.error).__name__}: {exchange.error}" if exchange.error else ""
        raise fail(f"POST /orders sent no response at all.{error}")
    if exchange.status != 200:
        raise fail(
            f"POST /orders answered {exchange.status}; expected 200.\n{exchange.body[:300].decode(errors='replace')}"
        )
    expected = {"status": "accepted", "item": order["item"]}
    try:
        got = json.loads(exchange.body)
    except ValueError:
        got = exchange.body.decode(errors="replace")
    if got != expected:
        raise fail(f"POST /orders returned {got!r}; expected {expected!r}.")


def expected_receipt(ex, order: dict[str, str]) -> str:
    """The text the module's own `receipt(order)` makes for this order."""
    return require(ex, "receipt")(require(ex, "Order")(**order))


def expect_receipts(ex, mailer: SlowMailer, orders: list[dict[str, str]], exchanges: list[Exchange]) -> None:
    """Every order got exactly one receipt, and it was delivered (not still being sent)."""
    if mailer.foreign_loop_calls:
        raise fail(
            "The mailer was called on another event loop than the app's: the receipt was sent "
            "with `asyncio.run(...)` (or a new loop) from a plain `def` function running in a "
            "thread. An async client belongs to the loop it was made on (this one refused, as "
            "real ones do), and a thread plus a whole event loop per email is no way to send "
            "it. Make the background function `async def` and `await mailer.send(...)` in it, "
            "or simply `background_tasks.add_task(mailer.send, ...)`."
        )
    for exchange in exchanges:
        error = exchange.error
        if error is None:
            continue
        advice = (
            " Hand `add_task` the function and its arguments separately: "
            "`add_task(mailer.send, to, text)`, not `add_task(mailer.send(to, text))`."
            if isinstance(error, TypeError)
            else ""
        )
        raise fail(
            f"After answering POST /orders, the app raised {type(error).__name__}: {error}. "
            f"That came from the work done after the response.{advice}"
        )
    for order in orders:
        calls = [c for c in mailer.calls if c.key == order["email"]]
        if not calls and mailer.calls:
            raise fail(
                f"No receipt was sent to the customer, {order['email']}; the mailer was called "
                f"for {sorted({c.key for c in mailer.calls})}. Send it to `order.email`."
            )
        if not calls:
            raise fail(
                f"No receipt was sent to {order['email']}: the mailer was never called for that "
                "order. Add a `background_tasks: BackgroundTasks` parameter to the route and "
                "`background_tasks.add_task(mailer.send, order.email, receipt(order))`."
            )
        if len(calls) > 1:
            raise fail(f"{len(calls)} receipts were sent to {order['email']} for one order; send exactly one.")
        if calls[0].outcome == "running":
            raise fail(
                f"When the request for {order['email']} was over, its receipt was still being "
                "sent, with nobody waiting for it: a task started with `asyncio.create_task` "
                "and forgotten. Such a task can be lost (and its errors are never seen). Let "
                "FastAPI run the work after the response: `background_tasks.add_task(...)`."
            )
        texts = [text for to, text in mailer.sent if to == order["email"]]
        expected = expected_receipt(ex, order)
        if not texts or texts[0] != expected:
            raise fail(
                f"The email sent to {order['email']} said {texts[0] if texts else None!r}; it "
                f"should say {expected!r}, the text that `receipt(order)` makes. Send "
                "`receipt(order)` itself: `add_task(mailer.send, order.email, receipt(order))`."
            )


@pytest.mark.task(1)
async def test_every_order_gets_its_receipt(ex, exercise, monkeypatch):
    mailer = SlowMailer(delay=exercise.timing["mail"])
    app = app_with(ex, monkeypatch, mailer)
    orders = new_orders(3)
    exchanges = await asyncio.gather(*(asgi_call(app, "POST", "/orders", json_body=o) for o in orders))
    for exchange, order in zip(exchanges, orders, strict=True):
        expect_answer(exchange, order)
    expect_receipts(ex, mailer, orders, exchanges)


@pytest.mark.task(2)
async def test_response_goes_out_before_the_receipt(ex, exercise, monkeypatch):
    mail = exercise.timing["mail"]
    mailer = SlowMailer(delay=mail)
    app = app_with(ex, monkeypatch, mailer)
    orders = new_orders(3)
    with Stopwatch() as sw:
        exchanges = await asyncio.gather(*(asgi_call(app, "POST", "/orders", json_body=o) for o in orders))
    await asyncio.sleep(mail)  # a forgotten task is task 1's business: let it finish here
    for exchange, order in zip(exchanges, orders, strict=True):
        expect_answer(exchange, order)
    expect_receipts(ex, mailer, orders, exchanges)
    for exchange, order in zip(exchanges, orders, strict=True):
        sent = exchange.response_sent
        assert sent is not None
        call = next(c for c in mailer.calls if c.key == order["email"])
        waited = sent - exchange.started
        if call.end is not None and sent >= call.end:
            raise fail(
                f"The customer got the response after {secs(waited)}, only once the receipt "
                f"had been sent (the mailer takes {secs(mail)}). Nobody should wait for the "
                "email: don't `await mailer.send(...)` in the route; hand it to "
                "`background_tasks.add_task(...)`, which runs it after the response."
            )
        # `def get_mailer` runs in FastAPI's threadpool, which the virtual clock follows at
        # real speed; that is load, not the route keeping the customer waiting.
        if not close_to(waited, 0.0, threads=sw.thread_time):
            raise fail(
                f"The customer waited {secs(waited)} for the response; nothing in this route "
                "needs to keep them waiting. Send the receipt after the response."
            )
