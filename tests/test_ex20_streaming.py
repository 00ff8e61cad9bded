"""Exercise 20 · Streaming, graded by calling the ASGI app directly on the virtual clock.

httpx's ASGITransport collects the whole body before it returns, so it cannot tell a stream
from a response built in one piece. The tests call the app themselves and stamp every
`http.response.body` message with the loop time, then compare when each line arrived with
when the fake quote service delivered its price. The service is given to the app by
overriding the `get_quotes` dependency.
"""

import asyncio
import random
import re
import secrets
from typing import Any

import pytest

from awaitlings.engine import app_errors
from awaitlings.engine.clocks import real_monotonic
from awaitlings.engine.explain import describe
from awaitlings.engine.servers import Exchange, asgi_call
from awaitlings.probes import SlowAPI, close_to, expect_app, fail, now, require, secs

FAR = 3600.0  # the client never hangs up by itself


class Quotes(SlowAPI):
    """A slow quote service, `await quotes.get(symbol)`, with prices nobody can guess.

    Like a real async client it belongs to the event loop it was made on and refuses to work
    on another one (`asyncio.run` in a thread).
    """

    def __init__(self, symbols: list[str], **kwargs: Any) -> None:
        super().__init__("quote service", data=unguessable_prices(symbols), **kwargs)
        self.home_loop = asyncio.get_running_loop()
        self.foreign_loop_calls = 0

    async def get(self, path: Any) -> Any:
        if asyncio.get_running_loop() is not self.home_loop:
            self.foreign_loop_calls += 1
            raise RuntimeError("the quote service is attached to a different event loop")
        return await super().get(path)


def unguessable_prices(symbols: list[str]) -> dict[str, float]:
    """Random prices; the first ends in .5 and the second is whole (as 12.5 and 7.0 do), so
    the line must show the price as the service gave it (`{price}`), not reformatted."""
    prices = {s: round(random.uniform(10, 999), 2) for s in symbols}
    special = [random.randint(10, 999) + 0.5, float(random.randint(10, 999))]
    for symbol, price in zip(symbols, special, strict=False):
        prices[symbol] = price
    return prices


def new_symbols(count: int) -> list[str]:
    return [f"S{secrets.token_hex(3).upper()}" for _ in range(count)]


def app_with(ex, monkeypatch, quotes: Quotes) -> Any:
    app = expect_app(ex)
    get_quotes = require(ex, "get_quotes")

    async def give_quotes() -> Quotes:  # async: `def` overrides run in a thread pool
        return quotes

    monkeypatch.setitem(app.dependency_overrides, get_quotes, give_quotes)
    return app


def expected_lines(symbols: list[str], quotes: Quotes) -> list[str]:
    return [f"{s}: {quotes.data[s]}\n" for s in symbols]


def reformatted(sent_lines: list[str], quotes: Quotes) -> bool:
    """Whether some line carries a right price written another way ("12.50" for 12.5)."""
    for line in sent_lines:
        symbol, _, price = line.strip().partition(": ")
        try:
            same = float(price) == quotes.data.get(symbol)
        except ValueError:
            continue
        if same and price != str(quotes.data[symbol]):
            return True
    return False


def expect_foreign_loop_unused(quotes: Quotes) -> None:
    if quotes.foreign_loop_calls:
        raise fail(
            "The quote service was called on another event loop than the app's: the prices "
            "were fetched with `asyncio.run(...)` (or a new loop), probably from a plain `def` "
            "generator, which StreamingResponse runs in a thread. An async client belongs to "
            "the loop it was made on (this one refused, as real ones do). Write the generator "
            "as `async def` and `await quotes.get(symbol)` in it."
        )


def known_mistake(error: BaseException | None) -> str | None:
    """What to do about an error FastAPI or Starlette raised on the student's behalf, while
    handling what the route returned (not in the student's own lines)."""
    text = str(error) if error is not None else ""
    if "'async_generator' object is not iterable" in text or "'generator' object is not iterable" in text:
        return (
            "GET /prices returned the generator itself, so FastAPI tried to send it as JSON, "
            "and a generator is not data: the app crashed. Wrap it in a StreamingResponse, "
            "which sends each piece the moment the generator yields it: "
            '`return StreamingResponse(price_lines(...), media_type="text/plain")`.'
        )
    if "'function' object is not iterable" in text or "'function' object is not an" in text:
        return (
            "StreamingResponse was given the generator function itself, not a generator: "
            "the app crashed when it tried to iterate over it. Call the function with its "
            "arguments: `StreamingResponse(price_lines(symbols, quotes), ...)`."
        )
    wrong_piece = re.search(r"'(\w+)' object has no attribute 'encode'", text)
    if wrong_piece:
        return (
            f"The stream yielded a {wrong_piece.group(1)}; every piece a StreamingResponse "
            "sends must be text (str) or bytes, and the app crashed on it. Yield each whole "
            'line as one string: `yield f"{symbol}: {price}\\n"`.'
        )
    return None


def expect_no_known_mistake(exchange: Exchange) -> None:
    advice = known_mistake(exchange.error)
    if advice is None:
        return
    # The framework's own error says less than this: don't show it first.
    for exc in app_errors.take():
        if exc is not exchange.error and known_mistake(exc) is None:
            app_errors.record(exc)
    raise fail(advice)


def expect_full_answer(exchange: Exchange, symbols: list[str], quotes: Quotes, *, plain_text: bool = False) -> None:
    url = f"GET /prices?symbols={','.join(symbols)}"
    expect_foreign_loop_unused(quotes)
    expect_no_known_mistake(exchange)
    start = exchange.start
    if start is None:
        error = exchange.error
        raised = f" It raised {type(error).__name__}: {error}" if error else ""
        raise fail(f"{url} sent no response at all.{raised}")
    if start["status"] == 404:
        raise fail(f"{url} answered 404 Not Found: the app has no /prices route.")
    if start["status"] != 200:
        raise fail(f"{url} answered {start['status']}; expected 200.\n{exchange.text[:300]}")
    if exchange.error is not None:
        sent = (
            f" Only this part of the text reached the client: {exchange.text[:300]!r}."
            if exchange.text
            else " No text reached the client."
        )
        raise fail(f"{url} started answering, then the app raised {describe(exchange.error)}.{sent}")
    expected = "".join(expected_lines(symbols, quotes))
    if exchange.text != expected:
        hint = ""
        sent_lines = exchange.text.splitlines(keepends=True)
        if "coroutine object" in exchange.text:
            hint = (
                " The text shows coroutine objects instead of prices: `quotes.get(symbol)` "
                "must be awaited: `price = await quotes.get(symbol)`."
            )
        elif sorted(sent_lines) == sorted(expected_lines(symbols, quotes)):
            hint = (
                " The lines are all there, but not in the order asked: send them in the "
                "order of the symbols in the URL, whichever price comes back first."
            )
        elif reformatted(sent_lines, quotes):
            hint = (
                " The prices were reformatted: send each price as the service gave it "
                '(`f"{symbol}: {price}\\n"`, so 12.5 stays 12.5, not 12.50).'
            )
        raise fail(f"{url} sent:\n{exchange.text[:400]!r}\nexpected:\n{expected!r}{hint}")
    headers = {k.decode().lower(): v.decode() for k, v in start.get("headers", [])}
    if plain_text and not headers.get("content-type", "").startswith("text/plain"):
        raise fail(
            f"{url} sent the right text, but as {headers.get('content-type') or 'no content type'}"
            '; send it as plain text: `StreamingResponse(..., media_type="text/plain")`.'
        )
    for symbol in symbols:
        made = [c for c in quotes.calls if c.key == symbol]
        if len(made) != 1 or made[0].outcome != "done":
            raise fail(f"The price of {symbol} was asked {len(made)} times; ask once per symbol.")


@pytest.mark.task(1)
async def test_one_line_per_symbol(ex, exercise, monkeypatch):
    delays = list(exercise.timing["quotes"])  # all different, the first is not the quickest:
    assert len(set(delays)) == len(delays) and delays[0] > min(delays)  # arrival order != asked
    symbols = new_symbols(len(delays))
    quotes = Quotes(symbols, delays=dict(zip(symbols, delays, strict=True)))
    app = app_with(ex, monkeypatch, quotes)
    exchange = await asgi_call(app, "GET", "/prices", query=f"symbols={','.join(symbols)}")
    expect_full_answer(exchange, symbols, quotes, plain_text=True)


@pytest.mark.task(2)
async def test_each_line_arrives_as_soon_as_its_price_is_known(ex, exercise, monkeypatch):
    delays = list(exercise.timing["quotes"])  # the first is not the slowest (see gather)
    assert delays[0] < max(delays)
    symbols = new_symbols(len(delays))
    quotes = Quotes(symbols, delays=dict(zip(symbols, delays, strict=True)))
    app = app_with(ex, monkeypatch, quotes)
    start = now()
    exchange = await asgi_call(app, "GET", "/prices", query=f"symbols={','.join(symbols)}")
    expect_full_answer(exchange, symbols, quotes)
    known = 0.0  # when the prices of all lines so far were known (the line could be sent)
    sent = 0
    for symbol, line in zip(symbols, expected_lines(symbols, quotes), strict=True):
        end = next(c.end for c in quotes.calls if c.key == symbol)
        assert end is not None
        known = max(known, end)
        sent += len(line.encode())
        arrived = exchange.arrival(sent)
        assert arrived is not None
        if not close_to(arrived, known):
            last = max(c.end or 0.0 for c in quotes.calls)
            raise fail(
                f"The line for {symbol} reached the client {secs(arrived - start)} after the "
                f"request, but its price was known at {secs(known - start)}. "
                + (
                    "Nothing reached the client until the last price was known: the whole text was put together first. "
                    if close_to(arrived, last)
                    else ""
                )
                + "Send each line as soon as it is ready: an `async def` generator that awaits "
                "one price and `yield`s its line, passed to `StreamingResponse`."
            )


class RealStamps:
    """Wraps the app for one request: the real time of every body piece it sends, beside the
    loop time `asgi_call` stamps it with."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.pieces: list[tuple[float, float, int]] = []  # (loop time, real time, bytes)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def stamped_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                self.pieces.append((now(), real_monotonic(), len(message.get("body", b""))))
            await send(message)

        await self.app(scope, receive, stamped_send)

    def arrival(self, upto: int) -> tuple[float, float] | None:
        """(loop time, real time) when the first `upto` bytes had gone out."""
        got = 0
        for at, real_at, size in self.pieces:
            got += size
            if got >= upto:
                return at, real_at
        return None


@pytest.mark.task(2)
async def test_two_clients_stream_at_the_same_time(ex, exercise, monkeypatch):
    """Each client's line k should arrive one quote after its line k-1 (after the request,
    for the first). Loop time beyond that is allowed only as far as real time passed too:
    while a thread works (a plain `def` route runs in FastAPI's pool) the virtual clock
    follows the real one, but waiting for another request's timers costs no real time."""
    delays = list(exercise.timing["quotes"])
    streams = [new_symbols(len(delays)) for _ in range(2)]
    quotes = Quotes(
        streams[0] + streams[1], delays={s: d for symbols in streams for s, d in zip(symbols, delays, strict=True)}
    )
    app = app_with(ex, monkeypatch, quotes)
    stamps = [RealStamps(app) for _ in streams]
    start, real_start = now(), real_monotonic()
    exchanges = await asyncio.gather(
        *(
            asgi_call(stamp, "GET", "/prices", query=f"symbols={','.join(symbols)}")
            for stamp, symbols in zip(stamps, streams, strict=True)
        )
    )
    for symbols, exchange in zip(streams, exchanges, strict=True):
        expect_full_answer(exchange, symbols, quotes)
    for me, (symbols, stamp) in enumerate(zip(streams, stamps, strict=True)):
        other = exchanges[1 - me]
        sent = 0
        before, real_before = start, real_start  # the request, then each line in turn
        for k, line in enumerate(expected_lines(symbols, quotes)):
            sent += len(line.encode())
            arrived = stamp.arrival(sent)
            assert arrived is not None
            at, real_at = arrived
            extra = (at - before) - delays[k]  # beyond the quote this line waited for
            if extra > (real_at - real_before) + 0.002:
                first_call = min((c.start for c in quotes.calls if c.key in symbols), default=at)
                other_done = other.response_sent
                waited_for_other = other_done is not None and first_call >= other_done - 0.002
                raise fail(
                    f"Two clients asked for prices at the same time. One of them got the line "
                    f"for {symbols[k]} {secs(at - start)} after asking; it could have had it "
                    f"after {secs(start + sum(delays[: k + 1]) - start)}, one quote after the "
                    "other. "
                    + (
                        "Its stream did not even start fetching until the other client's "
                        "stream had finished: something shared between requests (a module-level "
                        "lock, one stream at a time) held it up. "
                        if waited_for_other
                        else f"Its stream waited {secs(extra)} for something other than its own quotes. "
                    )
                    + "Let every request run its own generator, and the event loop serves "
                    "them side by side."
                )
            before, real_before = at, real_at


@pytest.mark.task(3)
async def test_stream_stops_when_the_client_leaves(ex, exercise, monkeypatch):
    quote = exercise.timing["quote"]
    symbols = new_symbols(4)
    # The first quote is quick; the others are still on their way when the client leaves.
    delays = {s: quote * (k + 1) / 2 for k, s in enumerate(symbols)}
    quotes = Quotes(symbols, delays=delays)
    app = app_with(ex, monkeypatch, quotes)
    first_line = f"{symbols[0]}: {quotes.data[symbols[0]]}\n"
    exchange = await asgi_call(
        app, "GET", "/prices", query=f"symbols={','.join(symbols)}", hang_up_after_bytes=len(first_line.encode())
    )
    expect_foreign_loop_unused(quotes)
    expect_no_known_mistake(exchange)
    start = exchange.start
    if start is None or start["status"] != 200 or not exchange.text.startswith(first_line):
        raise fail(
            "The client meant to read the first line and then hang up, but the first line "
            f"never came (the app sent {exchange.text[:200]!r}). Get task 1 right first."
        )
    if exchange.error is not None:
        raise fail(f"When the client left, the app raised {type(exchange.error).__name__}: {exchange.error}.")
    if exchange.disconnected_at is None:  # the whole answer came in one go: nothing to stop
        exchange.disconnected_at = len(exchange.messages)
        exchange.disconnect_time = exchange.messages[-1][0]
    left = exchange.disconnect_time
    assert left is not None
    still_running = [c.key for c in quotes.calls if c.outcome == "running"]
    if still_running:
        raise fail(
            f"The client hung up after the first line, but quotes for {still_running} were "
            "still being fetched when the request was over: tasks started for the stream were "
            "left running. Fetch inside the generator (`price = await quotes.get(symbol)`), "
            "or start the fetches in an `async with asyncio.TaskGroup()` inside it, so that "
            "closing the stream cancels them."
        )
    after = [
        m
        for m in exchange.messages[exchange.disconnected_at :]
        if m[1]["type"] == "http.response.body" and m[1].get("body")
    ]
    started_after = [c.key for c in quotes.calls if c.start >= left - 0.002]
    finished_after = [c.key for c in quotes.calls if c.outcome == "done" and c.end is not None and c.end > left + 0.002]
    if after or finished_after or len(started_after) > 1:
        raise fail(
            "The client hung up after the first line, but the stream carried on: "
            f"{len(after)} more piece(s) were sent to nobody, and the quotes for "
            f"{started_after or finished_after} were fetched after the client had left. When "
            "the client leaves, the generator is cancelled; don't catch that: no bare "
            "`except:` or `except BaseException` around the `await`, and no "
            "`except asyncio.CancelledError` that carries on."
        )
