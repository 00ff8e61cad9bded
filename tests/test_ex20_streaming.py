"""Exercise 20 · Streaming, graded by calling the ASGI app directly on the virtual clock.

httpx's ASGITransport collects the whole body before it returns, so it cannot tell a stream
from a response built in one piece. The tests call the app themselves and stamp every
`http.response.body` message with the loop time, then compare when each line arrived with
when the fake quote service delivered its price. The service is given to the app by
overriding the `get_quotes` dependency.
"""

import asyncio
import random
import secrets
from typing import Any

import pytest

from awaitlings.probes import SlowAPI, close_to, expect_app, fail, now, require, secs
from awaitlings.servers import Exchange, asgi_call

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


def expect_full_answer(
    exchange: Exchange, symbols: list[str], quotes: Quotes, *, plain_text: bool = False
) -> None:
    url = f"GET /prices?symbols={','.join(symbols)}"
    expect_foreign_loop_unused(quotes)
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
        raise fail(
            f"{url} started answering, then the app raised {type(exchange.error).__name__}: "
            f"{exchange.error}. Only the first part of the text reached the client:\n"
            f"{exchange.text[:300]}"
        )
    expected = "".join(expected_lines(symbols, quotes))
    if exchange.text != expected:
        hint = ""
        sent_lines = exchange.text.splitlines(keepends=True)
        if "coroutine object" in exchange.text:
            hint = (" The text shows coroutine objects instead of prices: `quotes.get(symbol)` "
                    "must be awaited: `price = await quotes.get(symbol)`.")
        elif sorted(sent_lines) == sorted(expected_lines(symbols, quotes)):
            hint = (" The lines are all there, but not in the order asked: send them in the "
                    "order of the symbols in the URL, whichever price comes back first.")
        elif reformatted(sent_lines, quotes):
            hint = (" The prices were reformatted: send each price as the service gave it "
                    "(`f\"{symbol}: {price}\\n\"`, so 12.5 stays 12.5, not 12.50).")
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
                + ("Nothing reached the client until the last price was known: the whole "
                   "text was put together first. "
                   if close_to(arrived, last) else "")
                + "Send each line as soon as it is ready: an `async def` generator that awaits "
                "one price and `yield`s its line, passed to `StreamingResponse`."
            )


@pytest.mark.task(2)
async def test_two_clients_stream_at_the_same_time(ex, exercise, monkeypatch):
    delays = list(exercise.timing["quotes"])
    streams = [new_symbols(len(delays)) for _ in range(2)]
    quotes = Quotes(streams[0] + streams[1],
                    delays={s: d for symbols in streams for s, d in zip(symbols, delays, strict=True)})
    app = app_with(ex, monkeypatch, quotes)
    start = now()
    exchanges = await asyncio.gather(*(
        asgi_call(app, "GET", "/prices", query=f"symbols={','.join(symbols)}") for symbols in streams
    ))
    for symbols, exchange in zip(streams, exchanges, strict=True):
        expect_full_answer(exchange, symbols, quotes)
        sent = 0
        for k, line in enumerate(expected_lines(symbols, quotes)):
            sent += len(line.encode())
            arrived = exchange.arrival(sent)
            assert arrived is not None
            by = start + sum(delays[: k + 1])  # one quote after the other, the slowest right way
            if arrived > by + 0.002:
                raise fail(
                    f"Two clients asked for prices at the same time. One of them got the line "
                    f"for {symbols[k]} only {secs(arrived - start)} after asking; it could have "
                    f"had it after {secs(by - start)}. One client's stream waited for the "
                    "other's: nothing shared between requests (a module-level lock, one "
                    "stream at a time) should hold a client up. Let every request run its "
                    "own generator, and the event loop serves them side by side."
                )


@pytest.mark.task(3)
async def test_stream_stops_when_the_client_leaves(ex, exercise, monkeypatch):
    quote = exercise.timing["quote"]
    symbols = new_symbols(4)
    # The first quote is quick; the others are still on their way when the client leaves.
    delays = {s: quote * (k + 1) / 2 for k, s in enumerate(symbols)}
    quotes = Quotes(symbols, delays=delays)
    app = app_with(ex, monkeypatch, quotes)
    first_line = f"{symbols[0]}: {quotes.data[symbols[0]]}\n"
    exchange = await asgi_call(app, "GET", "/prices", query=f"symbols={','.join(symbols)}",
                              hang_up_after_bytes=len(first_line.encode()))
    expect_foreign_loop_unused(quotes)
    start = exchange.start
    if start is None or start["status"] != 200 or not exchange.text.startswith(first_line):
        raise fail(
            "The client meant to read the first line and then hang up, but the first line "
            f"never came (the app sent {exchange.text[:200]!r}). Get task 1 right first."
        )
    if exchange.error is not None:
        raise fail(f"When the client left, the app raised {type(exchange.error).__name__}: "
                   f"{exchange.error}.")
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
    after = [m for m in exchange.messages[exchange.disconnected_at:]
             if m[1]["type"] == "http.response.body" and m[1].get("body")]
    started_after = [c.key for c in quotes.calls if c.start >= left - 0.002]
    finished_after = [c.key for c in quotes.calls
                      if c.outcome == "done" and c.end is not None and c.end > left + 0.002]
    if after or finished_after or len(started_after) > 1:
        raise fail(
            "The client hung up after the first line, but the stream carried on: "
            f"{len(after)} more piece(s) were sent to nobody, and the quotes for "
            f"{started_after or finished_after} were fetched after the client had left. When "
            "the client leaves, the generator is cancelled; don't catch that: no bare "
            "`except:` or `except BaseException` around the `await`, and no "
            "`except asyncio.CancelledError` that carries on."
        )
