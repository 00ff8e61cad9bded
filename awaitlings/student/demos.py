"""Demos a student can run: `awaitlings run 6`, or `python exercises/ex06_gather.py`.

A demo runs the student's own code for a moment, in real time, and SHOWS what it does: how
long the waits took and whether they overlapped, the JSON a route serves, which thread did
the work. It never grades (no points, no pass or fail); it ends by saying how to grade.

    async def fetch_all(...)      # the student's exercises/ex06_gather.py
    ...
    if __name__ == "__main__":    # the footer every exercise (and its solution) ends with
        from awaitlings.student.demos import demo
        demo(__file__)

Student code that is not written yet, raises, or hangs never ends a demo with a traceback:
each call of it is awaited with a time limit, its error becomes one plain sentence, and the
whole demo runs in a thread of its own that is given up on after `DEMO_LIMIT` seconds (a
`time.sleep` inside `async def` cannot be interrupted, only left behind).

One small `async def` per exercise, registered by module name with `@register(...)`, gets the
module and uses the helpers here (`student`, `attempt`, `timing`, `Ticker`, `say`).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import os
import sqlite3
import sys
import tempfile
import threading
import warnings
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any, ClassVar

from awaitlings.cpu import count_primes
from awaitlings.engine.clocks import real_monotonic, real_sleep
from awaitlings.engine.fakes import BlockingClient, SlowAPI, SlowDatabase
from awaitlings.engine.targets import ModuleLoader
from awaitlings.engine.verdicts import Verdict, plural
from awaitlings.manifest import ROOT, Exercise, course

CALL_LIMIT = 3.0  # seconds one call of the student's code may take before the demo gives up on it
DEMO_LIMIT = 12.0  # seconds a whole demo may take, even when the student's code blocks its loop

Demo = Callable[[ModuleType], Coroutine[Any, Any, None]]
DEMOS: dict[str, Demo] = {}


def register(module: str) -> Callable[[Demo], Demo]:
    def add(fn: Demo) -> Demo:
        DEMOS[module] = fn
        return fn

    return add


# ---------------------------------------------------------------- printing


def say(text: str = "") -> None:
    print(text, flush=True)


def short(value: Any, limit: int = 110) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


def timing(what: str, elapsed: float, *, together: float, apart: float) -> str:
    """`3 fetches of 0.3 s took 0.31 s: they ran together (one after another: 0.90 s).`"""
    margin = 0.25 * (apart - together)
    if elapsed <= together + margin:
        how = f"they ran together (one after another: {secs(apart)})"
    elif elapsed >= apart - margin:
        how = f"one after another (together they would take {secs(together)})"
    else:
        how = f"some of them overlapped (together: {secs(together)}, one after another: {secs(apart)})"
    return f"{what} took {secs(elapsed)}: {how}."


def describe(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup):
        leaves = "; ".join(describe(e) for e in exc.exceptions)
        return f"{type(exc).__name__} ({leaves})"
    text = untraced(str(exc)).strip().rstrip(".")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def untraced(text: str) -> str:
    """A message with any traceback in it (Starlette puts one in a failed lifespan's) cut down to
    the traceback's last line: the error itself."""
    head, marker, tail = text.partition("Traceback (most recent call last):")
    if not marker:
        return text
    last = next((line.strip() for line in reversed(tail.splitlines()) if line.strip()), "")
    return f"{head.strip()} {last}".strip()


def _report_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """asyncio's own reports (`Task exception was never retrieved`, ...) as one line each."""
    exc = context.get("exception")
    say(f"asyncio reported: {context.get('message', 'an error')}" + (f" ({describe(exc)})" if exc else ""))


def _report_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    say(f"Python warned: {message}")


def _report_unraisable(unraisable: Any) -> None:
    exc = unraisable.exc_value
    say(
        f"Python ignored an error{' in ' + repr(unraisable.object) if unraisable.object is not None else ''}"
        + (f": {describe(exc)}" if exc is not None else "")
    )


def plain_reports() -> None:
    """Warnings and ignored errors as one line each, no traceback (the command-line entry points:
    they own the process)."""
    warnings.showwarning = _report_warning
    sys.unraisablehook = _report_unraisable


# ---------------------------------------------------------------- calling the student's code


class Stop(Exception):
    """The student's code failed or hung: the sentence saying so is printed; this part ends."""


def part() -> contextlib.suppress:
    """`with part():` one section of a demo; a `Stop` ends the section, not the demo."""
    return contextlib.suppress(Stop)


@dataclass
class Outcome:
    name: str
    value: Any = None
    error: BaseException | None = None
    timed_out: bool = False
    elapsed: float = 0.0
    limit: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.timed_out

    def sentence(self) -> str:
        if self.timed_out:
            return (
                f"{self.name} did not finish within {self.limit:g} s, so the demo stopped waiting "
                "for it: is something waiting forever?"
            )
        if isinstance(self.error, NotImplementedError):
            return f"{self.name} is not written yet (NotImplementedError): that is your TODO."
        if isinstance(self.error, asyncio.CancelledError):
            return f"{self.name} ended cancelled (asyncio.CancelledError), though the demo did not cancel it."
        assert self.error is not None
        return f"{self.name} raised {describe(self.error)}."


async def attempt(name: str, fn: Any, *args: Any, limit: float | None = None) -> Outcome:
    """Calls `fn(*args)` and awaits what it returns if that is awaitable, within `limit` seconds
    (default `CALL_LIMIT`). Errors are kept in the outcome, not raised."""
    limit = CALL_LIMIT if limit is None else limit
    out = Outcome(name, limit=limit)
    deadline = asyncio.timeout(limit)
    start = real_monotonic()
    try:
        result = fn(*args)
        if inspect.isawaitable(result):
            async with deadline:
                result = await result
        out.value = result
    except (Exception, asyncio.CancelledError) as exc:
        if isinstance(exc, TimeoutError) and deadline.expired():
            out.timed_out = True
        else:
            out.error = exc
    out.elapsed = real_monotonic() - start
    return out


async def student(name: str, fn: Any, *args: Any, limit: float | None = None) -> Outcome:
    """Like `attempt`, but an error or a hang prints its sentence and raises `Stop`."""
    out = await attempt(name, fn, *args, limit=limit)
    if not out.ok:
        say(out.sentence())
        raise Stop
    return out


async def in_thread(name: str, fn: Any, *args: Any, limit: float | None = None) -> Outcome:
    """Calls the plain function `fn(*args)` in a worker thread, as plain code with no event loop."""
    return await student(name, asyncio.to_thread, fn, *args, limit=limit)


def call_now(name: str, fn: Any, *args: Any) -> Any:
    """Calls `fn(*args)` without awaiting what it returns; an error prints its sentence, `Stop`."""
    try:
        return fn(*args)
    except Exception as exc:
        out = Outcome(name, error=exc)
        say(out.sentence())
        raise Stop from None


def start_task(name: str, fn: Any, *args: Any) -> asyncio.Task[Any]:
    """Starts `fn(*args)` as a task, if it gives a coroutine."""
    coro = call_now(name, fn, *args)
    if not inspect.iscoroutine(coro):
        say(f"{name} gives {short(coro)}, not a coroutine: it should be an `async def` function.")
        raise Stop
    return asyncio.create_task(coro)


def outcomes(service: Any) -> str:
    """`eu cancelled, us done, asia cancelled`: how each call to a fake ended."""
    return ", ".join(f"{c.key} {c.outcome}" for c in service.calls) or "none made"


def task_failed(name: str, task: asyncio.Task[Any]) -> None:
    """If the task ended with an error of its own (not a cancellation), prints it and stops."""
    if task.done() and not task.cancelled() and task.exception() is not None:
        say(Outcome(name, error=task.exception()).sentence())
        raise Stop


def need(module: ModuleType, name: str) -> Any:
    if not hasattr(module, name):
        say(f"`{name}` is missing from your file: the demo needs it.")
        raise Stop
    return getattr(module, name)


class Ticker:
    """A timer that ticks every `every` seconds on the event loop: it ticks only while the loop
    is free, so `ticks` says whether the code awaited inside the block blocked the loop."""

    def __init__(self, every: float = 0.05) -> None:
        self.every = every
        self.ticks = 0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            self.ticks += 1

    async def __aenter__(self) -> Ticker:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def line(self, elapsed: float) -> str:
        expected = int(elapsed / self.every)
        if self.ticks == 0 and expected >= 2:
            return (
                f"a timer set to tick every {self.every:g} s ticked 0 times meanwhile: "
                "the event loop was blocked the whole time."
            )
        if self.ticks < expected // 2:
            return (
                f"a timer set to tick every {self.every:g} s ticked only {self.ticks} of about "
                f"{expected} times meanwhile: the event loop was blocked part of the time."
            )
        return (
            f"a timer set to tick every {self.every:g} s ticked {self.ticks} times meanwhile: "
            "the event loop stayed free."
        )


@contextlib.contextmanager
def overrides(app: Any, replace: dict[Any, Any]) -> Iterator[None]:
    """`app.dependency_overrides` for the demo only."""
    saved = dict(app.dependency_overrides)
    app.dependency_overrides.update(replace)
    try:
        yield
    finally:
        app.dependency_overrides.clear()
        app.dependency_overrides.update(saved)


@contextlib.contextmanager
def settings(module: ModuleType, **values: Any) -> Iterator[None]:
    """Module attributes set for the demo only (as the tests set them)."""
    saved = {name: getattr(module, name) for name in values if hasattr(module, name)}
    for name, value in values.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name in values:
            if name in saved:
                setattr(module, name, saved[name])


@contextlib.asynccontextmanager
async def client_for(module: ModuleType) -> AsyncIterator[Any]:
    """An httpx.AsyncClient over ASGI to the module's `app`, lifespan started and stopped."""
    from awaitlings.engine.servers import serve_app

    app = need(module, "app")
    try:
        async with serve_app(app) as client:
            yield client
    except Stop:
        raise
    except Exception as exc:
        say(f"The app could not be run: {describe(exc)}.")
        raise Stop from None


async def request(client: Any, method: str, path: str, json_body: Any = None) -> tuple[Any, float]:
    """Sends one request; prints `GET /path -> 200 {...}` and returns the response and its time."""
    kwargs = {} if json_body is None else {"json": json_body}
    out = await student(f"{method} {path}", lambda: client.request(method, path, **kwargs))
    response = out.value
    sent = "" if json_body is None else f" {json.dumps(json_body)}"
    say(f"{method} {path}{sent} -> {response.status_code} {response.text[:300]}   ({secs(out.elapsed)})")
    return response, out.elapsed


# ---------------------------------------------------------------- running a demo


def _describe_import_problem(problem: Verdict) -> str:
    first = str(problem).split("\n\n", 1)[0]
    return first.splitlines()[0].rstrip(".") + "."


def show(ex: Exercise, load: Callable[[], ModuleType], shown: str, *, limit: float | None = None) -> bool:
    """Prints the demo of `ex` with the module `load()` gives; True unless it had to be given up
    after `limit` seconds (default `DEMO_LIMIT`): then the student's code is still running in a
    thread that nothing can stop."""
    limit = DEMO_LIMIT if limit is None else limit
    say(f"{ex.short} {ex.title}: a demo with {shown}")
    say()
    fn = DEMOS.get(ex.module)

    def main() -> None:
        try:
            module = load()
        except Verdict as problem:
            say(_describe_import_problem(problem))
            return
        if fn is None:
            say("This exercise has no demo yet.")
            return

        async def run(demo: Demo) -> None:
            asyncio.get_running_loop().set_exception_handler(_report_loop_error)
            await demo(module)

        try:
            asyncio.run(run(fn))
        except Stop:
            pass
        except BaseException as exc:  # whatever the student's code did: a sentence, no traceback
            say("The demo stopped. " + Outcome("Your code", error=exc).sentence())

    thread = threading.Thread(target=main, name="awaitlings-demo", daemon=True)
    thread.start()
    try:
        thread.join(limit)
    except KeyboardInterrupt:
        say("\nStopped.")
        return False
    finished = not thread.is_alive()
    if not finished:
        say(
            f"The demo gave up after {limit:g} s: your code is still running. Something in it blocks or "
            "waits forever (a time.sleep or another blocking call inside `async def`?)."
        )
    say()
    say(f"Grade it: `pytest {ex.exercise_file}` (or `awaitlings watch`)")
    return finished


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _end(finished: bool) -> None:
    if not finished:  # the student's code still runs in a thread nothing can stop: leave now
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1)


def run_exercise(ex: Exercise, target: str = "exercises") -> int:
    """`awaitlings run N`: the demo of `ex` with `target`'s module (exercises/ or solutions/)."""
    plain_reports()
    loader = ModuleLoader(target)
    finished = show(ex, lambda: loader.load(ex.module), _shown(loader.file_for(ex.module)))
    _end(finished)
    return 0


def demo(file: str) -> None:
    """The exercises' footer: `python exercises/ex06_gather.py` runs its demo."""
    path = Path(file).resolve()
    ex = course().by_module(path.stem)
    if ex is None:
        say(f"awaitlings: {path.name} is not one of the course's exercises, so it has no demo.")
        return
    plain_reports()
    main = sys.modules.get("__main__")
    if main is not None and Path(getattr(main, "__file__", None) or "").resolve() == path:
        module: ModuleType = main
        _end(show(ex, lambda: module, _shown(path)))
        return
    loader = ModuleLoader(str(path.parent))
    _end(show(ex, lambda: loader.load(path.stem), _shown(path)))


# ---------------------------------------------------------------- the demos


@register("ex01_first_coroutine")
async def _ex01(ex: ModuleType) -> None:
    with part():
        greet = need(ex, "greet")
        made = call_now('greet("Ada")', greet, "Ada")
        if inspect.iscoroutine(made):
            shown = short(made)
            out = await student('await greet("Ada")', lambda: made)
            say(f'greet("Ada") gives {shown}: a coroutine object. Awaited, it gives {short(out.value)}.')
        else:
            say(
                f'greet("Ada") gives {short(made)} at once: greet is a plain function (`def`), '
                "so there is nothing to await."
            )
    with part():
        out = await student("main()", need(ex, "main"))
        say(f"asyncio.run(main()) gives {short(out.value)}.")


@register("ex02_await_dont_block")
async def _ex02(ex: ModuleType) -> None:
    with part():
        say("main():")
        async with Ticker(0.1) as ticker:
            out = await student("main()", need(ex, "main"))
        say(f"main() took {secs(out.elapsed)}, and {ticker.line(out.elapsed)}")
    say()
    with part():
        prepare = need(ex, "prepare")
        orders = {"tea": 0.3, "coffee": 0.5, "cake": 0.2}

        async def serve() -> list[Any]:
            return list(await asyncio.gather(*(prepare(order, s) for order, s in orders.items())))

        out = await student("prepare()", serve)
        say(f"gather(prepare(tea, 0.3), prepare(coffee, 0.5), prepare(cake, 0.2)) gives {short(out.value)}.")
        say(timing("3 orders of 0.3 s, 0.5 s and 0.2 s", out.elapsed, together=0.5, apart=1.0))


@register("ex03_forgotten_await")
async def _ex03(ex: ModuleType) -> None:
    with part():
        api = SlowAPI(delay=0.2, data={"tea": 2.5})
        out = await student('get_price(api, "tea")', need(ex, "get_price"), api, "tea")
        if inspect.iscoroutine(out.value):
            out.value.close()
            say(
                f'get_price(api, "tea") returned {short(out.value)}: a coroutine object, not a price. '
                f"The API was asked {plural(len(api.calls), 'time')}."
            )
        else:
            say(
                f'get_price(api, "tea") returned {short(out.value)} after {secs(out.elapsed)}: '
                f"the API was asked {plural(len(api.calls), 'time')}."
            )
    with part():
        db = SlowDatabase(delay=0.2)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = await student('place_order(db, "A1", ["tea"])', need(ex, "place_order"), db, "A1", ["tea"])
        say(
            f'place_order(db, "A1", ["tea"]) returned {short(out.value)} after {secs(out.elapsed)}; '
            f"the database now holds {short(dict(db.saved))}."
        )
        for warning in caught:
            if issubclass(warning.category, RuntimeWarning):
                say(f"Python warned: {warning.message}")


@register("ex04_first_route")
async def _ex04(ex: ModuleType) -> None:
    async with client_for(ex) as client:
        await request(client, "GET", "/ping")
    app = need(ex, "app")
    routes = [r for r in getattr(app, "routes", []) if getattr(r, "path", None) == "/ping"]
    if not routes:
        say("The app has no /ping route yet: that is your TODO.")
    for route in routes:
        kind = (
            "`async def`: FastAPI runs it on the event loop"
            if inspect.iscoroutinefunction(route.endpoint)
            else "a plain `def`: FastAPI runs it in a worker thread"
        )
        say(f"Its handler {route.endpoint.__name__}() is {kind}.")


@register("ex05_await_needs_async")
async def _ex05(ex: ModuleType) -> None:
    data = {"users/7": {"name": "Ada"}, "orders/7": ["teapot", "cups"]}
    with part():
        db = SlowDatabase(delay=0.1, data=data)
        out = await in_thread("profile_card(db, 7)", need(ex, "profile_card"), db, 7)
        say(
            f"profile_card(db, 7), called from plain code (no event loop running), gives {short(out.value)} "
            f"after {secs(out.elapsed)}."
        )
    with part():
        db = SlowDatabase(delay=0.1, data=data)
        welcome = need(ex, "welcome")
        out = await student("welcome(db, 7)", welcome, db, 7)
        how = "await welcome(db, 7)" if inspect.iscoroutinefunction(welcome) else "welcome(db, 7)"
        say(f"{how}, from async code, gives {short(out.value)} after {secs(out.elapsed)}.")


@register("ex06_gather")
async def _ex06(ex: ModuleType) -> None:
    with part():
        api = SlowAPI(delay=0.3)
        out = await student('fetch_all(api, ["a", "b", "c"])', need(ex, "fetch_all"), api, ["a", "b", "c"])
        say(f'fetch_all(api, ["a", "b", "c"]) gives {short(out.value)}')
        say(timing("3 fetches of 0.3 s", out.elapsed, together=0.3, apart=0.9))
    say()
    with part():
        api = SlowAPI(delays={"/weather": 0.3, "/news": 0.5, "/stocks": 0.2})
        out = await student("dashboard(api)", need(ex, "dashboard"), api)
        say(f"dashboard(api) gives {short(out.value)}")
        say(timing("/weather (0.3 s), /news (0.5 s) and /stocks (0.2 s)", out.elapsed, together=0.5, apart=1.0))


@register("ex07_tasks_and_groups")
async def _ex07(ex: ModuleType) -> None:
    with part():
        db = SlowDatabase(delays={"ada": 0.3, "bob": 0.2})
        api = SlowAPI(delay=0.3)
        out = await student('build_page(db, api, ["ada", "bob"])', need(ex, "build_page"), db, api, ["ada", "bob"])
        say(f'build_page(db, api, ["ada", "bob"]) gives {short(out.value)}')
        say(timing("2 user loads (0.3 s, 0.2 s) and the header (0.3 s)", out.elapsed, together=0.3, apart=0.8))
    say()
    with part():
        db = SlowDatabase(delays={"k1": 0.3, "k2": 0.1, "k3": 0.4}, fail={"k2"})
        out = await attempt('load_all(db, ["k1", "k2", "k3"])', need(ex, "load_all"), db, ["k1", "k2", "k3"])
        await asyncio.sleep(0.05)  # let cancelled loads finish stopping
        say('load_all(db, ["k1", "k2", "k3"]), where loading "k2" fails after 0.1 s:')
        if out.timed_out or isinstance(out.error, NotImplementedError):
            say(out.sentence())
        elif out.error is not None:
            say(f"  the error reached the caller after {secs(out.elapsed)}: {describe(out.error)}")
        else:
            say(f"  it returned {short(out.value)} after {secs(out.elapsed)}: the caller never heard of the error.")
        say(f"  the loads: {outcomes(db)}.")


@register("ex08_as_completed")
async def _ex08(ex: ModuleType) -> None:
    with part():
        api = SlowAPI(delays={"a": 0.3, "b": 0.1, "c": 0.2})
        start = real_monotonic()
        handled: list[str] = []

        def handle(result: Any) -> None:
            handled.append(f"{short(result)} at {secs(real_monotonic() - start)}")

        await student(
            'process_as_ready(api, ["a", "b", "c"], handle)', need(ex, "process_as_ready"), api, ["a", "b", "c"], handle
        )
        say(
            'process_as_ready(api, ["a", "b", "c"], handle), with answers taking 0.3 s, 0.1 s and 0.2 s, '
            "called handle():"
        )
        for line in handled:
            say(f"  {line}")
    say()
    with part():
        api = SlowAPI(delays={"eu": 0.4, "us": 0.15, "asia": 0.3})
        out = await student('fastest(api, ["eu", "us", "asia"])', need(ex, "fastest"), api, ["eu", "us", "asia"])
        await asyncio.sleep(0.05)
        say(
            f'fastest(api, ["eu", "us", "asia"]) (answering in 0.4 s, 0.15 s, 0.3 s) gives {short(out.value)} '
            f"after {secs(out.elapsed)}."
        )
        say(f"  the requests: {outcomes(api)}.")


@register("ex09_timeouts")
async def _ex09(ex: ModuleType) -> None:
    with part():
        api = SlowAPI(delay=1.0)
        out = await student(
            'fetch_with_timeout(api, "report", 0.3, "cached copy")',
            need(ex, "fetch_with_timeout"),
            api,
            "report",
            0.3,
            "cached copy",
        )
        await asyncio.sleep(0.02)
        say(
            f'fetch_with_timeout(api, "report", 0.3, "cached copy"), with an API that takes 1 s, gives '
            f"{short(out.value)} after {secs(out.elapsed)}; the API call: {outcomes(api)}."
        )
    say()
    with part():
        api = SlowAPI(delay=0.5)
        log: list[str] = []
        task = start_task('download(api, "big.zip", log)', need(ex, "download"), api, "big.zip", log)
        await asyncio.sleep(0.1)
        task.cancel()
        with contextlib.suppress(BaseException):
            await asyncio.wait_for(task, CALL_LIMIT)
        task_failed('download(api, "big.zip", log)', task)
        say(f'download(api, "big.zip", log), cancelled after 0.1 s: log is {short(log)}.')
    with part():
        api = SlowAPI(delay=0.1)
        plog: list[Any] = []
        poller = start_task('poll(api, "temp", log)', need(ex, "poll"), api, "temp", plog)
        await asyncio.sleep(0.25)
        poller.cancel()
        with contextlib.suppress(BaseException):
            await asyncio.wait_for(asyncio.shield(poller), CALL_LIMIT)
        task_failed('poll(api, "temp", log)', poller)
        ended = "is still running"
        if poller.done():
            ended = (
                "ended cancelled"
                if poller.cancelled()
                else "ended normally: whoever cancelled it never learns that it stopped"
            )
        say(f'poll(api, "temp", log), cancelled after 0.25 s: log is {short(plog)}, and poll {ended}.')


@register("ex10_semaphore")
async def _ex10(ex: ModuleType) -> None:
    fetch = need(ex, "fetch_all_limited")
    with part():
        api = SlowAPI(delay=0.2, limit=3)
        keys = [f"k{i}" for i in range(7)]
        out = await student("fetch_all_limited(api, 7 keys, 3)", fetch, api, keys, 3)
        say(f"fetch_all_limited(api, 7 keys, 3), an API allowing 3 requests at once, gives {short(out.value, 80)}")
        say(
            f"7 requests of 0.2 s took {secs(out.elapsed)}, at most {api.max_in_flight} in flight "
            "(3 at a time: 0.60 s; one at a time: 1.40 s)."
        )
    say()
    with part():
        api = SlowAPI(delays={"a": 0.4, "b": 0.1, "c": 0.1, "d": 0.1, "e": 0.1}, limit=2)
        out = await student('fetch_all_limited(api, ["a", ..., "e"], 2)', fetch, api, list("abcde"), 2)
        say(
            f"5 requests of 0.4, 0.1, 0.1, 0.1 and 0.1 s, at most {api.max_in_flight} at a time, took "
            f"{secs(out.elapsed)} (reusing each free slot at once: 0.40 s; in batches of 2: 0.60 s)."
        )


@register("ex11_to_thread")
async def _ex11(ex: ModuleType) -> None:
    with part():
        client = BlockingClient(delay=0.3)  # made on the loop's thread: it knows which one that is
        async with Ticker(0.05) as ticker:
            out = await student('fetch_weather(client, "Oslo")', need(ex, "fetch_weather"), client, "Oslo")
        call = client.calls[-1] if client.calls else None
        where = (
            "nowhere"
            if call is None
            else ("on the event loop's own thread" if call.on_loop_thread else f"in the worker thread {call.thread!r}")
        )
        say(f'fetch_weather(client, "Oslo") gives {short(out.value)} after {secs(out.elapsed)}.')
        say(f"client.get ran {where},")
        say(f"and {ticker.line(out.elapsed)}")
    say()
    with part():
        client = BlockingClient(delay=0.3)
        cities = ["Oslo", "Lima", "Pune", "Kyiv"]
        out = await student("fetch_all(client, 4 cities)", need(ex, "fetch_all"), client, cities)
        say(f"fetch_all(client, {cities}) gives {short(out.value, 90)}")
        say(timing("4 blocking calls of 0.3 s", out.elapsed, together=0.3, apart=1.2))


@register("ex12_cpu_bound")
async def _ex12(ex: ModuleType) -> None:
    with part():
        limit = 300_000
        async with Ticker(0.05) as ticker:
            out = await student(f"crunch({limit})", need(ex, "crunch"), limit)
        result = out.value
        pid = getattr(result, "pid", None)
        where = (
            "in a worker process" if pid not in (None, os.getpid()) else "in this process, on the event loop's thread"
        )
        say(
            f"crunch({limit}) counted {getattr(result, 'count', result)} primes in {secs(out.elapsed)}, {where} "
            f"(pid {pid}; the demo's is {os.getpid()}),"
        )
        say(f"and {ticker.line(out.elapsed)}")
        start = real_monotonic()
        count_primes(limit)
        say(
            f"(The same count straight on this thread takes {secs(real_monotonic() - start)}: a process pool "
            "keeps the loop free; it does not make the counting faster.)"
        )
    with part():
        answers = need(ex, "ANSWERS")
        if isinstance(answers, dict):
            missing = [k for k, v in sorted(answers.items()) if not isinstance(v, bool)]
            say(
                f"ANSWERS: {len(answers) - len(missing)} of {len(answers)} statements marked True or False"
                + (f"; still to mark: {', '.join(missing)}." if missing else ".")
            )


@register("ex13_queues")
async def _ex13(ex: ModuleType) -> None:
    with part():
        api = SlowAPI(delay=0.2)
        jobs = [f"job{i}" for i in range(7)]
        before = asyncio.all_tasks()
        out = await student("process_all(api, 7 jobs, 3)", need(ex, "process_all"), api, jobs, 3)
        await asyncio.sleep(0.02)
        left = [t for t in asyncio.all_tasks() - before if not t.done() and t is not asyncio.current_task()]
        done = len(out.value) if isinstance(out.value, dict) else 0
        say(f"process_all(api, 7 jobs of 0.2 s, workers=3) gives {short(out.value, 90)}")
        say(
            f"{done} of 7 jobs done in {secs(out.elapsed)}, at most {api.max_in_flight} at once "
            "(3 workers: 0.60 s; one at a time: 1.40 s)."
        )
        if left:
            names = ", ".join(sorted({getattr(t.get_coro(), "__qualname__", "?") for t in left}))
            say(f"{len(left)} task(s) still running after it returned: {names}.")
        else:
            say("No task was left running after it returned.")


class _PagedAPI:
    PAGES: ClassVar[dict[str | None, dict[str, Any]]] = {
        None: {"items": ["a", "b"], "next": "p2"},
        "p2": {"items": ["c", "d"], "next": "p3"},
        "p3": {"items": ["e"], "next": None},
    }

    def __init__(self) -> None:
        self.fetched: list[str | None] = []

    async def get(self, cursor: str | None) -> dict[str, Any]:
        await asyncio.sleep(0.1)
        self.fetched.append(cursor)
        return self.PAGES[cursor]


class _Server:
    def __init__(self) -> None:
        self.opened = 0
        self.closed = 0

    async def connect(self) -> _Connection:
        await asyncio.sleep(0.05)
        self.opened += 1
        return _Connection(self, self.opened)


class _Connection:
    def __init__(self, server: _Server, number: int) -> None:
        self.server, self.number = server, number

    def __repr__(self) -> str:
        return f"<connection {self.number}>"

    async def close(self) -> None:
        await asyncio.sleep(0.05)
        self.server.closed += 1


@register("ex14_async_iteration")
async def _ex14(ex: ModuleType) -> None:
    iter_items = need(ex, "iter_items")
    with part():
        api = _PagedAPI()
        items = iter_items(api)
        if not hasattr(items, "__aiter__"):
            if inspect.iscoroutine(items):
                items.close()
            say(
                f"iter_items(api) gives {short(items)}, not an async iterator: it is not written yet "
                "(that is your TODO)."
            )
            raise Stop

        async def take(limit: int | None) -> list[Any]:
            got: list[Any] = []
            async for item in items:
                got.append(item)
                if limit is not None and len(got) >= limit:
                    break
            return got

        out = await student("async for item in iter_items(api)", take, None)
        say(
            f"async for item in iter_items(api): {short(out.value)} in {secs(out.elapsed)}, "
            f"{len(api.fetched)} page(s) fetched (3 pages of 0.1 s)."
        )
        api = _PagedAPI()
        items = iter_items(api)
        out = await student("async for ... (stopping after 2 items)", take, 2)
        say(f"A loop that stops after 2 items got {short(out.value)}: {len(api.fetched)} page(s) fetched.")
    say()
    with part():
        server = _Server()
        open_connection = need(ex, "open_connection")

        async def use(fail: bool) -> Any:
            async with open_connection(server) as conn:
                if fail:
                    raise ValueError("the body failed")
                return conn

        out = await student("async with open_connection(server)", use, False)
        say(
            f"async with open_connection(server) as conn: conn is {short(out.value)}; "
            f"the server saw {server.opened} connect(s) and {server.closed} close(s)."
        )
        server = _Server()
        failed = await attempt("async with ... (a body that raises)", use, True)
        reached = f"the caller got {describe(failed.error)}" if failed.error else "the caller got no error"
        say(
            f"With a body that raises ValueError: {reached}; the server saw {server.opened} connect(s) "
            f"and {server.closed} close(s)."
        )


@register("ex15_def_or_async_def")
async def _ex15(ex: ModuleType) -> None:
    app = need(ex, "app")
    loops: set[int] = set()

    class Station:
        def get(self, station_id: str) -> str:
            real_sleep(0.2)  # blocks whichever thread calls it, like the real client
            return f"station {station_id}: 12.5 °C"

    class Forecast:
        async def get(self, city: str) -> str:
            loops.add(id(asyncio.get_running_loop()))
            await asyncio.sleep(0.2)
            return f"{city}: sunny"

    replace = {need(ex, "get_station_client"): lambda: Station(), need(ex, "get_forecast_client"): lambda: Forecast()}
    with overrides(app, replace):
        async with client_for(ex) as client:
            with part():
                await request(client, "GET", "/stations/7")
                out = await student("3 requests", asyncio.gather, *(client.get(f"/stations/{n}") for n in (1, 2, 3)))
                say(
                    timing(
                        "3 requests to /stations/{id} at once (a blocking client call of 0.2 s each)",
                        out.elapsed,
                        together=0.2,
                        apart=0.6,
                    )
                )
            say()
            with part():
                await request(client, "GET", "/forecast/oslo")
                loops.clear()
                app_loop = id(asyncio.get_running_loop())
                out = await student(
                    "3 requests", asyncio.gather, *(client.get(f"/forecast/{c}") for c in ("lima", "pune", "kyiv"))
                )
                say(
                    timing(
                        "3 requests to /forecast/{city} at once (an async client call of 0.2 s each)",
                        out.elapsed,
                        together=0.2,
                        apart=0.6,
                    )
                )
                where = (
                    "the app's own event loop"
                    if loops == {app_loop}
                    else f"{len(loops - {app_loop})} other event loop(s), not the app's own"
                )
                say(f"The forecast client was awaited on {where}.")


@register("ex16_fan_out")
async def _ex16(ex: ModuleType) -> None:
    async with client_for(ex) as client:
        r, elapsed = await request(client, "GET", "/dashboard")
    body = r.json() if r.status_code == 200 else None
    missing = [k for k in ("weather", "news", "stocks") if not isinstance(body, dict) or k not in body]
    if missing:
        say(f"The answer has no {', '.join(missing)} yet.")
    else:
        say(timing("Upstream calls of 0.5 s, 0.4 s and 0.3 s", elapsed, together=0.5, apart=1.2))


@register("ex17_lifespan")
async def _ex17(ex: ModuleType) -> None:
    import httpx

    made: list[Any] = []

    class AsyncClient(httpx.AsyncClient):  # counts the clients made
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    class Pool:
        def __init__(self) -> None:
            self.lent = 0
            self.back = 0

        async def acquire(self) -> Any:
            self.lent += 1
            return need(ex, "Connection")(self.lent)

        async def release(self, conn: Any) -> None:
            self.back += 1

    Pool.acquire.__qualname__, Pool.release.__qualname__ = "pool.acquire", "pool.release"

    pool = Pool()
    watched = ModuleType("httpx")
    watched.__dict__.update(vars(httpx))
    watched.AsyncClient = AsyncClient  # type: ignore[attr-defined]
    with settings(ex, pool=pool, httpx=watched):
        async with client_for(ex) as client:
            for path in ("/orders/A1", "/orders/B2", "/orders/ZZ"):
                with part():
                    await request(client, "GET", path)
    closed = sum(1 for c in made if c.is_closed)
    say(
        f"3 requests: {len(made)} httpx.AsyncClient made, {closed} of them closed by the end; "
        f"{pool.lent} connection(s) lent from the pool, {pool.back} given back."
    )


@register("ex18_deadlines")
async def _ex18(ex: ModuleType) -> None:
    app = need(ex, "app")
    calls: list[str] = []

    class Weather:
        def __init__(self, delay: float) -> None:
            self.delay = delay

        async def get(self, city: str) -> dict[str, Any]:
            try:
                await asyncio.sleep(self.delay)
            except asyncio.CancelledError:
                calls.append("cancelled")
                raise
            calls.append("answered")
            return {"sky": "sunny", "temp": 21}

    deadline = getattr(ex, "DEADLINE", 0.5)
    for delay in (0.1, 1.0):
        calls.clear()

        async def give(delay: float = delay) -> Weather:
            return Weather(delay)

        with overrides(app, {need(ex, "get_weather"): give}), part():
            async with client_for(ex) as client:
                say(f"An upstream that takes {delay:g} s (DEADLINE = {deadline:g} s):")
                await request(client, "GET", "/forecast/oslo")
            say(f"  the upstream call: {calls[0] if calls else 'never made'}.")


@register("ex19_background_tasks")
async def _ex19(ex: ModuleType) -> None:
    from awaitlings.engine.servers import asgi_call

    app = need(ex, "app")
    start = real_monotonic()
    sent: list[str] = []

    class Mailer:
        async def send(self, to: str, text: str) -> None:
            await asyncio.sleep(0.3)
            sent.append(f"{to}: {text!r} at {secs(real_monotonic() - start)}")

    async def give() -> Mailer:
        return Mailer()

    with overrides(app, {need(ex, "get_mailer"): give}):
        order = {"email": "ada@example.com", "item": "teapot"}
        out = await student("POST /orders", lambda: asgi_call(app, "POST", "/orders", json_body=order))
    exchange = out.value
    if exchange.error is not None:
        say(f"POST /orders raised {describe(exchange.error)}.")
        return
    answered = exchange.response_sent
    when = secs(answered - exchange.started) if answered is not None else "never"
    say(
        f"POST /orders {json.dumps(order)} -> {exchange.status} {exchange.text[:200]}   (the response went out "
        f"after {when})"
    )
    say(f"  the receipt (a mailer taking 0.3 s): {sent[0] if sent else 'never sent'}.")


@register("ex20_streaming")
async def _ex20(ex: ModuleType) -> None:
    from awaitlings.engine.servers import asgi_call

    app = need(ex, "app")

    class Quotes:
        async def get(self, symbol: str) -> float:
            await asyncio.sleep(0.2)
            return {"ACME": 12.5, "INITECH": 3.25, "UMBRELLA": 99.0}.get(symbol, 1.0)

    async def give() -> Quotes:
        return Quotes()

    with overrides(app, {need(ex, "get_quotes"): give}):
        out = await student(
            "GET /prices", lambda: asgi_call(app, "GET", "/prices", query="symbols=ACME,INITECH,UMBRELLA")
        )
    exchange = out.value
    if exchange.error is not None:
        say(f"GET /prices raised {describe(exchange.error)}.")
        return
    start = exchange.started
    media = next((v.decode() for k, v in (exchange.start or {}).get("headers", []) if k == b"content-type"), "?")
    say(f"GET /prices?symbols=ACME,INITECH,UMBRELLA (each quote takes 0.2 s) -> {exchange.status} ({media}),")
    say("what the client received, and when:")
    for t, chunk in exchange.chunks:
        if chunk:
            say(f"  {secs(t - start)}  {chunk.decode(errors='replace')!r}")


@register("ex21_async_database")
async def _ex21(ex: ModuleType) -> None:
    with tempfile.TemporaryDirectory(prefix="awaitlings-demo-") as tmp:
        path = str(Path(tmp) / "notes.db")
        with settings(ex, DB_PATH=path):
            async with client_for(ex) as client:
                for method, url, body in (
                    ("POST", "/notes", {"text": "buy milk"}),
                    ("GET", "/notes/1", None),
                    ("GET", "/notes/99", None),
                ):
                    with part():
                        await request(client, method, url, body)
        try:
            with contextlib.closing(sqlite3.connect(path)) as db:
                rows = db.execute("SELECT id, text FROM notes").fetchall()
            say(f"The SQLite file now holds: {short(rows)}")
        except sqlite3.Error as exc:
            say(f"The SQLite file could not be read: {exc}.")


@register("ex22_status_aggregator")
async def _ex22(ex: ModuleType) -> None:
    import httpx
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    busy = {"now": 0, "most": 0}

    async def health(request: Request) -> PlainTextResponse:
        name = request.path_params["name"]
        busy["now"] += 1
        busy["most"] = max(busy["most"], busy["now"])
        try:
            await asyncio.sleep({"search": 2.0}.get(name, 0.1))
        finally:
            busy["now"] -= 1
        return PlainTextResponse("fine" if name != "billing" else "broken", 200 if name != "billing" else 500)

    upstreams = Starlette(routes=[Route("/{name}/health", health)])
    with settings(
        ex,
        UPSTREAM_TRANSPORT=httpx.ASGITransport(app=upstreams),
        TIMEOUT=0.5,
        MAX_CONCURRENT=2,
        UPSTREAMS=["auth", "billing", "search", "email"],
    ):
        say("Upstreams: auth and email answer 200, billing 500, search takes 2 s; TIMEOUT = 0.5 s, MAX_CONCURRENT = 2.")
        async with client_for(ex) as client:
            await request(client, "GET", "/status")
    say(f"At most {busy['most']} upstream call(s) were in flight at once.")


__all__ = ["DEMOS", "demo", "run_exercise", "show"]
