"""Exercise 14 · Async iteration and context managers.

Graded on the virtual clock. The paged API is a grader-owned fake (it records every page
asked for, when, and how many at once); pages, cursors and items are random per run, so
only code that really follows the "next" cursors can produce them. The database server and
its connections are small fakes defined here: they record connects and closes, and both
take loop time, so a close that was never awaited is told apart from one that finished.
"""

import asyncio
import contextlib
import inspect
import random
import traceback
from collections.abc import AsyncIterator, Coroutine
from typing import Any

import pytest

from awaitlings.probes import (
    SlowAPI,
    Stopwatch,
    Verdict,
    close_to,
    expect_not_coroutine,
    fail,
    now,
    require,
    secs,
)

# ---------------------------------------------------------------- fakes


class UnknownPage(LookupError):
    """The student asked for a cursor the API never gave out."""


class PagedAPI(SlowAPI):
    """`await api.get(cursor)` -> {"items": [...], "next": cursor or None}; None is page 1."""

    def __init__(self, delay: float, rng: random.Random | None = None) -> None:
        rng = rng or random.Random()
        sizes = [rng.randint(2, 4) for _ in range(rng.randint(3, 4))]
        self.cursors: list[str | None] = [None] + [f"{rng.randrange(16**5):05x}" for _ in sizes[1:]]
        self.pages: list[list[str]] = [[f"item-{rng.randrange(16**6):06x}" for _ in range(size)] for size in sizes]
        data = {
            cursor: {"items": list(items), "next": self.cursors[i + 1] if i + 1 < len(sizes) else None}
            for i, (cursor, items) in enumerate(zip(self.cursors, self.pages, strict=True))
        }
        super().__init__("paged API", delay=delay, data=data)
        self._gets: list[Coroutine[Any, Any, Any]] = []

    @property
    def items(self) -> list[str]:
        return [item for page in self.pages for item in page]

    def get(self, path: Any) -> Coroutine[Any, Any, Any]:  # type: ignore[override]
        # `async def get` to the caller; the coroutine is kept so that a fetch the grader
        # explains itself (a plain `def __anext__` could not await it) is not also reported as
        # "never awaited".
        coro = SlowAPI.get(self, path)
        self._gets.append(coro)
        return coro

    def forget_unawaited_gets(self) -> None:
        for coro in self._gets:
            if inspect.getcoroutinestate(coro) == inspect.CORO_CREATED:
                coro.close()

    def result_for(self, key: Any) -> Any:
        if key not in self.data:
            raise UnknownPage(
                f"iter_items asked the paged API for the page with cursor {key!r}, "
                "and there is no such page. Ask for the first page with "
                "`await api.get(None)`, then for each next one with the cursor in "
                'the previous page\'s "next".'
            )
        page = self.data[key]
        return {"items": list(page["items"]), "next": page["next"]}  # a fresh copy each time


async def pause(seconds: float) -> None:
    """A slow step (a timer future, like the grader's fakes: patching asyncio.sleep can't
    make it fast)."""
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    handle = loop.call_later(seconds, lambda: done.done() or done.set_result(None))
    try:
        await done
    finally:
        handle.cancel()


class FakeConnection:
    def __init__(self, server: "FakeServer", number: int) -> None:
        self.server = server
        self.number = number
        self.close_calls = 0  # close() started running (awaited, or handed to a task)
        self.closed = False  # a close() ran to its end
        self.close_coroutines: list[Coroutine[Any, Any, None]] = []

    def close(self) -> Coroutine[Any, Any, None]:
        # `async def close` to the caller; the coroutine is kept, so that a close the grader
        # explains itself (a plain `def __aexit__` that could not await it) is not also
        # reported as "never awaited".
        coro = self._close()
        self.close_coroutines.append(coro)
        return coro

    async def _close(self) -> None:
        self.close_calls += 1
        await pause(self.server.close_delay)
        self.closed = True

    _close.__qualname__ = "FakeConnection.close"

    def forget_unawaited_closes(self) -> None:
        for coro in self.close_coroutines:
            if inspect.getcoroutinestate(coro) == inspect.CORO_CREATED:
                coro.close()

    async def query(self, sql: str) -> str:
        if self.closed:
            raise RuntimeError("query on a closed connection")
        await pause(0.01)
        return f"{sql}: ok"

    def __repr__(self) -> str:
        return f"<connection #{self.number} to the database server>"


class FakeServer:
    """`conn = await server.connect()` (slow), `await conn.close()` (slow)."""

    def __init__(self, connect_delay: float, close_delay: float) -> None:
        self.connect_delay = connect_delay
        self.close_delay = close_delay
        self.connect_calls = 0
        self.connections: list[FakeConnection] = []

    async def connect(self) -> FakeConnection:
        self.connect_calls += 1
        await pause(self.connect_delay)
        conn = FakeConnection(self, random.randrange(100, 999))
        self.connections.append(conn)
        return conn

    @property
    def still_open(self) -> list[FakeConnection]:
        return [c for c in self.connections if not c.closed]


class BodyError(Exception):
    """Raised inside the `async with` body by the test."""


# ---------------------------------------------------------------- methods written as plain `def`

SIGNATURES = {
    "__aenter__": "async def __aenter__(self):",
    "__aexit__": "async def __aexit__(self, exc_type, exc, tb):",
    "__anext__": "async def __anext__(self):",
}


# What Python says when `async with` / `async for` / `await` gets something it cannot await.
NOT_AWAITABLE = (
    "does not implement __await__",
    "can't be used in 'await' expression",
    "received an invalid object from __anext__",
)


def plain_method(obj: Any, exc: BaseException | None, *names: str) -> Verdict | None:
    """`exc` came from `async with` / `async for` / `await` because one of the student's
    methods `names` is a plain `def`, so it returned something that cannot be awaited: say so,
    with the student's class name. (A plain `def` that returns an awaitable is fine, and then
    there is no such error.)"""
    if not isinstance(exc, TypeError):
        return None
    text = str(exc)
    for name in names:
        method = getattr(type(obj), name, None)
        if method is None or inspect.iscoroutinefunction(method) or not inspect.isfunction(method):
            continue
        raised_inside = any(frame.f_code is method.__code__ for frame, _ in traceback.walk_tb(exc.__traceback__))
        if not any(sign in text for sign in NOT_AWAITABLE) and not (
            raised_inside and "coroutine" in text
        ):  # `api.get(...)["items"]`, not awaited
            continue
        cls = type(obj).__name__
        what = {
            "__aenter__": "`async with` awaits what `__aenter__` returns (then gives it to the body)",
            "__aexit__": "`async with` awaits what `__aexit__` returns when the body ends",
            "__anext__": "`async for` awaits what `__anext__` returns to get each item",
        }[name]
        inside = {
            "__aenter__": "and `await self.server.connect()` inside it",
            "__aexit__": "and `await self.conn.close()` inside it",
            "__anext__": "and `await api.get(...)` inside it",
        }[name]
        return Verdict(
            f"`{cls}.{name}` is a plain `def`, so it cannot await anything, and {what}: Python "
            f"said {type(exc).__name__}: {text}. Write `{SIGNATURES[name]}` {inside}."
        )
    return None


def is_generator_based(cm: Any) -> bool:
    """Made with `@asynccontextmanager` (cleanup after the `yield`), not a class of the student's."""
    return isinstance(cm, contextlib.AbstractAsyncContextManager) and hasattr(cm, "gen")


def cleanup_place(cm: Any) -> str:
    return "the cleanup after the `yield`" if is_generator_based(cm) else f"`{type(cm).__name__}.__aexit__`"


def forget_unawaited_closes(server: "FakeServer") -> None:
    for conn in server.connections:
        conn.forget_unawaited_closes()


# ---------------------------------------------------------------- iter_items helpers


def start_iteration(ex: Any, api: PagedAPI) -> Any:
    """`iter_items(api)` as an async iterator, or a verdict saying what it is instead."""
    iter_items = require(ex, "iter_items")
    it = iter_items(api)
    if inspect.iscoroutine(it):
        it.close()
        raise fail(
            "iter_items(api) gave back a coroutine, not an async iterator: it is an `async def` "
            "without `yield`, so `async for` cannot use it (and a function that returns the "
            "whole list must fetch every page up front). Make it an async generator: inside "
            "`async def iter_items(api)`, `yield` each item as you go."
        )
    if inspect.isgenerator(it) or (hasattr(it, "__next__") and not hasattr(it, "__anext__")):
        if inspect.isgenerator(it):
            it.close()
        raise fail(
            "iter_items(api) is a plain generator (`def` with `yield`). A plain generator cannot "
            "`await`, so it can only hand out coroutines for someone else to await, and it "
            'cannot read a page\'s "next" cursor. Write `async def iter_items(api)` with '
            "`yield` inside: an async generator, used with `async for`."
        )
    if not hasattr(it, "__aiter__"):
        raise fail(
            f"iter_items(api) returned {it!r}; expected an async iterator that "
            "`async for item in iter_items(api)` can use (an async generator)."
        )
    return it.__aiter__()


async def next_item(ait: Any, what: str, api: PagedAPI) -> Any:
    try:
        item = await ait.__anext__()
    except StopAsyncIteration:
        raise fail(f"iter_items(api) stopped before {what}.") from None
    except TypeError as exc:
        if (verdict := plain_method(ait, exc, "__anext__")) is not None:
            api.forget_unawaited_gets()  # explained here: no second "never awaited"
            raise verdict from None
        raise
    expect_not_coroutine(item, f"iter_items(api)'s {what}")
    return item


@contextlib.asynccontextmanager
async def iterating(ait: Any) -> AsyncIterator[None]:
    """Close the iterator afterwards; turn the API's "no such page" into a verdict."""
    try:
        yield
    except UnknownPage as exc:
        raise fail(str(exc)) from None
    finally:
        aclose = getattr(ait, "aclose", None)
        if aclose is not None:
            with contextlib.suppress(UnknownPage):
                await aclose()


@contextlib.asynccontextmanager
async def plain_anext_explained(ait: Any, api: PagedAPI) -> AsyncIterator[None]:
    try:
        yield
    except TypeError as exc:
        if (verdict := plain_method(ait, exc, "__anext__")) is not None:
            api.forget_unawaited_gets()  # explained here: no second "never awaited"
            raise verdict from None
        raise


def describe(items: list[Any]) -> str:
    shown = ", ".join(repr(x) for x in items[:5])
    return f"[{shown}{', ...' if len(items) > 5 else ''}] ({len(items)} items)"


# ---------------------------------------------------------------- task 1


@pytest.mark.task(1)
async def test_iter_items_yields_every_item_in_order(ex, exercise):
    api = PagedAPI(delay=exercise.timing["page_delay"])
    ait = start_iteration(ex, api)
    expected = api.items
    got: list[Any] = []
    async with iterating(ait), plain_anext_explained(ait, api):
        async for item in ait:
            expect_not_coroutine(item, "an item from iter_items(api)")
            got.append(item)
            if len(got) > 3 * len(expected):
                raise fail(
                    f"iter_items(api) gave more than {len(got) - 1} items; the API only has "
                    f'{len(expected)}. Does the loop move on to the page\'s "next" cursor, and '
                    'stop when "next" is None?'
                )
    if got and isinstance(got[0], dict) and "items" in got[0]:
        raise fail(
            'iter_items(api) yielded whole pages (dicts with "items" and "next"); '
            "yield each item of a page, one by one."
        )
    if got != expected:
        hint = ""
        if got == expected[: len(got)]:
            hint = (
                " The first items are right, but it stopped early: keep going until a page's "
                '"next" is None, and yield the last page\'s items too.'
            )
        raise fail(
            f"iter_items(api) gave {describe(got)}; expected {describe(expected)}, every "
            f"item of the {len(api.pages)} pages in order.{hint}"
        )
    if api.keys != api.cursors:
        raise fail(
            f"iter_items(api) asked for the pages {api.keys}; expected each of the "
            f"{len(api.pages)} pages once, in order: {api.cursors}."
        )


# ---------------------------------------------------------------- task 2


@pytest.mark.task(2)
async def test_iter_items_fetches_pages_lazily(ex, exercise):
    delay = exercise.timing["page_delay"]
    api = PagedAPI(delay=delay)
    ait = start_iteration(ex, api)
    async with iterating(ait):
        # Let the loop run a while before asking for anything: a page fetched in the background
        # (a task started when the iterator was made) would begin now.
        await pause(delay * 1.5)
        if api.calls:
            raise fail(
                f"Just calling iter_items(api) started fetching: the test waited "
                f"{secs(delay * 1.5)} before asking for the first item, and by then "
                f"{len(api.calls)} page{'s' if len(api.calls) > 1 else ''} had been requested, "
                "though no page was needed yet. Don't start fetching when the iterator is made: "
                "ask for a page only when the consumer asks for an item (inside the async "
                "generator, or in `__anext__`)."
            )
        with Stopwatch() as sw:
            first = await next_item(ait, "the first item", api)
        await pause(delay * 1.5)  # a page fetched in the background would show up now
        if first != api.items[0]:
            raise fail(
                f"The first item from iter_items(api) was {first!r}; expected "
                f"{api.items[0]!r}, the first item of the first page."
            )
        if len(api.calls) > 1:
            raise fail(
                f"By the time the consumer had the first item, iter_items(api) had asked for "
                f"{len(api.calls)} of the {len(api.pages)} pages; only page 1 was needed. "
                "Don't collect all pages first (or fetch ahead): yield the items of a page "
                "before asking for the next one."
            )
        if not close_to(sw.elapsed, delay):
            raise fail(
                f"The first item took {secs(sw.elapsed)}; fetching page 1 takes "
                f"{secs(delay)}, and nothing else should be waited for."
            )
        for n in range(1, len(api.pages[0])):
            await next_item(ait, f"item {n + 1}", api)
        if len(api.calls) != 1:
            raise fail(
                f"iter_items(api) asked for page 2 before the consumer had used up page 1 "
                f"({len(api.pages[0])} items). Fetch the next page only after yielding "
                "every item of this one."
            )
        item = await next_item(ait, "the first item of page 2", api)
        if item != api.pages[1][0] or api.keys != api.cursors[:2]:
            raise fail(
                f"After page 1, iter_items(api) gave {item!r} and had asked for the pages "
                f"{api.keys}; expected {api.pages[1][0]!r} from page 2 (cursor "
                f'{api.cursors[1]!r}, page 1\'s "next").'
            )
        async for _ in ait:
            pass
    if api.max_in_flight > 1:
        raise fail(
            f"iter_items(api) had {api.max_in_flight} page requests in flight at once; "
            "fetch one page at a time, when the consumer needs it."
        )
    if api.keys != api.cursors:
        raise fail(f"iter_items(api) asked for the pages {api.keys}; expected {api.cursors}.")


@pytest.mark.task(2)
async def test_consumer_stopping_early_costs_one_page(ex, exercise):
    api = PagedAPI(delay=exercise.timing["page_delay"])
    ait = start_iteration(ex, api)
    async with iterating(ait):
        await next_item(ait, "the first item", api)
        await next_item(ait, "the second item", api)
    await pause(exercise.timing["page_delay"] * 2)
    if len(api.calls) != 1:
        raise fail(
            f"A consumer that took 2 items and stopped made iter_items(api) fetch "
            f"{len(api.calls)} pages; one was enough. Fetch a page only when its items "
            "are needed."
        )


# ---------------------------------------------------------------- tasks 3 and 4


def connection_manager(ex: Any, server: FakeServer) -> Any:
    """`open_connection(server)`, checked to be an async context manager."""
    open_connection = require(ex, "open_connection")
    cm = open_connection(server)
    if hasattr(cm, "__aenter__") and hasattr(cm, "__aexit__"):
        return cm
    if inspect.iscoroutine(cm):
        cm.close()
        raise fail(
            "open_connection(server) gave back a coroutine, which `async with` cannot use. "
            "Make it an async context manager: decorate an async generator that yields the "
            "connection once with `@contextlib.asynccontextmanager` (or write a class with "
            "`__aenter__` and `__aexit__`)."
        )
    if inspect.isasyncgen(cm):
        raise fail(
            "open_connection(server) is an async generator, but `async with` needs an async "
            "context manager. Put `@asynccontextmanager` (from contextlib) above it."
        )
    if hasattr(cm, "__enter__"):
        raise fail(
            "open_connection(server) is a plain (sync) context manager; `async with` "
            "needs `__aenter__`/`__aexit__`. Use `@asynccontextmanager` on an "
            "`async def` that yields."
        )
    raise fail(
        f"open_connection(server) returned {cm!r}; `async with` needs an async context "
        "manager. Use `@asynccontextmanager` on an `async def` that yields the connection."
    )


def expect_closed(server: FakeServer, when: str, cm: Any) -> None:
    if not server.connections:
        raise fail(f"No connection was opened {when}: `await server.connect()` first.")
    conn = server.connections[-1]
    if not conn.close_coroutines:
        how = (
            "Close it in a `finally:` block around the `yield`, so it is closed whatever happens in the body."
            if is_generator_based(cm)
            else f"Close it in `{type(cm).__name__}.__aexit__`, which runs however the body ends "
            "(normally, with an error, or cancelled), whatever the exception arguments say."
        )
        raise fail(f"The connection was left open {when}. {how}")
    if conn.close_calls == 0:
        raise fail(
            f"`conn.close()` was called {when}, but never awaited, so it never ran: close is a "
            "coroutine function, and calling it only makes a coroutine object. Write "
            "`await conn.close()`."
        )
    if not conn.closed:
        raise fail(
            f"`conn.close()` was started {when}, but it had not finished when the `async with` "
            "block ended (was it handed to a task nobody waits for?). Await the close itself: "
            "`await conn.close()`."
        )
    if conn.close_calls > 1:
        raise fail(f"The connection was closed {conn.close_calls} times {when}; close it once.")


AS_CONN = "`async with open_connection(server) as conn`"


def body_problem(conn: Any, server: FakeServer, cm: Any) -> Verdict | None:
    """What is wrong with the connection the body was given (checked inside the body, raised
    after the block, so the manager's own cleanup cannot hide it)."""
    try:
        expect_not_coroutine(conn, f"The `conn` in {AS_CONN}")
    except Verdict as verdict:
        return verdict
    generator = is_generator_based(cm)
    if not server.connections:
        return Verdict(
            f"Inside {AS_CONN}: no connection had been opened. Connect with "
            "`conn = await server.connect()` "
            + ("before you `yield`." if generator else f"in `{type(cm).__name__}.__aenter__`.")
        )
    if conn is not server.connections[-1]:
        return Verdict(
            f"{AS_CONN} gave the body {conn!r}; expected the connection that "
            "`await server.connect()` returned. "
            + (
                "Yield that connection."
                if generator
                else f"Return that connection from `{type(cm).__name__}.__aenter__`."
            )
        )
    if server.connect_calls != 1:
        return Verdict(f"open_connection(server) connected {server.connect_calls} times; connect once.")
    if conn.close_calls:
        return Verdict(
            "The connection was already closed when the body of `async with` began. "
            "Close it after the body: "
            + ("after the `yield`." if is_generator_based(cm) else f"in `{type(cm).__name__}.__aexit__`.")
        )
    return None


@pytest.mark.task(3)
async def test_open_connection_opens_and_closes(ex, exercise):
    connect_delay = exercise.timing["connect_delay"]
    close_delay = exercise.timing["close_delay"]
    server = FakeServer(connect_delay, close_delay)
    cm = connection_manager(ex, server)
    problem: Verdict | None = None
    answer = None
    in_body = False
    start = body_done = now()
    try:
        async with cm as conn:
            in_body = True
            entered = now() - start
            problem = body_problem(conn, server, cm)
            if problem is None and not close_to(entered, connect_delay):
                problem = Verdict(
                    f"Entering `async with open_connection(server)` took "
                    f"{secs(entered)}; connecting takes {secs(connect_delay)}."
                )
            if problem is None:
                answer = await conn.query("SELECT 1")
            body_done = now()
    except Exception as exc:
        if problem is not None:
            raise problem from None
        methods = ("__aexit__", "__aenter__") if in_body else ("__aenter__",)
        if (verdict := plain_method(cm, exc, *methods)) is not None:
            forget_unawaited_closes(server)  # explained here: no second "never awaited"
            raise verdict from None
        if not in_body:
            raise fail(
                f"Entering {AS_CONN} raised {type(exc).__name__}: {exc}. It should only "
                "connect (`await server.connect()`) and give the body the "
                "connection."
            ) from None
        raise fail(
            f"Leaving {AS_CONN} raised {type(exc).__name__}: {exc}. "
            f"{cleanup_place(cm)[0].upper()}{cleanup_place(cm)[1:]} should only close the "
            "connection."
        ) from None
    if problem is not None:
        raise problem
    if answer != "SELECT 1: ok":
        raise fail(f"A query on the connection returned {answer!r}.")
    expect_closed(server, "after the `async with` body finished", cm)
    leaving = now() - body_done
    if not close_to(leaving, close_delay):
        raise fail(
            f"Leaving `async with` took {secs(leaving)}; closing takes "
            f"{secs(close_delay)}. Await the close before the block ends."
        )


@pytest.mark.task(4)
async def test_connection_closed_when_body_raises(ex, exercise):
    server = FakeServer(exercise.timing["connect_delay"], exercise.timing["close_delay"])
    cm = connection_manager(ex, server)
    error = BodyError(f"query failed (code {random.randrange(1000, 9999)})")
    caught: BaseException | None = None
    problem: Verdict | None = None
    try:
        async with cm as conn:
            problem = body_problem(conn, server, cm)
            raise error
    except BodyError as exc:
        caught = exc
    except Exception as exc:
        if problem is not None:
            raise problem from None
        if (verdict := plain_method(cm, exc, "__aexit__", "__aenter__")) is not None:
            forget_unawaited_closes(server)  # explained here: no second "never awaited"
            raise verdict from None
        raise fail(
            f"The body of `async with open_connection(server)` raised BodyError, but "
            f"the caller got {type(exc).__name__}: {exc}. Let the body's own error go "
            "on to the caller."
        ) from None
    if problem is not None:
        raise problem
    expect_closed(server, "when the `async with` body raised an exception", cm)
    if caught is not error:
        raise fail(
            "The body of `async with open_connection(server)` raised BodyError, and the error "
            "disappeared: the caller never saw it. Close the connection in `finally:` without "
            "catching the error (an `__aexit__` must not return True)."
        )


@pytest.mark.task(4)
async def test_connection_closed_when_body_is_cancelled(ex, exercise):
    connect_delay = exercise.timing["connect_delay"]
    server = FakeServer(connect_delay, exercise.timing["close_delay"])
    cm = connection_manager(ex, server)
    in_body = asyncio.Event()

    async def slow_body() -> None:
        async with cm:
            in_body.set()
            await pause(10)

    task = asyncio.create_task(slow_body())
    entered = asyncio.create_task(in_body.wait())
    await asyncio.wait([task, entered], timeout=5, return_when=asyncio.FIRST_COMPLETED)
    entered.cancel()
    await asyncio.gather(entered, return_exceptions=True)
    if not in_body.is_set():
        task.cancel()
        outcome = (await asyncio.gather(task, return_exceptions=True))[0]
        if (verdict := plain_method(cm, outcome, "__aenter__")) is not None:
            raise verdict
        raise fail(
            f"`async with open_connection(server)` never got to its body (it ended with "
            f"{outcome!r}). Connect, then "
            + (
                "`yield` the connection."
                if is_generator_based(cm)
                else f"return the connection from `{type(cm).__name__}.__aenter__`."
            )
        )
    task.cancel()
    finished = await asyncio.wait([task], timeout=5)
    if finished[1]:
        task.cancel()
        raise fail(
            "After the body was cancelled, `async with open_connection(server)` did "
            "not finish. Don't wait for anything else in the cleanup than the close."
        )
    error = None if task.cancelled() else task.exception()  # looked at: not "never retrieved"
    if (verdict := plain_method(cm, error, "__aexit__", "__aenter__")) is not None:
        forget_unawaited_closes(server)  # explained here: no second "never awaited"
        raise verdict
    expect_closed(server, "when the `async with` body was cancelled (by a timeout, say)", cm)
    if not task.cancelled():
        exc = task.exception()
        raise fail(
            "The `async with` body was cancelled, but the cancellation did not reach the caller "
            f"({'it raised ' + type(exc).__name__ if exc else 'it finished normally'}). "
            + (
                "Don't catch CancelledError: clean up in `finally:` and let it go on."
                if is_generator_based(cm)
                else f"`{type(cm).__name__}.__aexit__` must not return True (that swallows the "
                "cancellation) or raise something else: close the connection and let it go on."
            )
        )
