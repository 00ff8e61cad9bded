"""Runs one async test on a grader-owned loop and turns async mistakes into verdicts.

`run(coro_factory, options)` creates a fresh loop (virtual or real clock), starts the
heartbeat, runs the coroutine under a deadline, and afterwards checks, in this order:

1. the loop was never blocked for `heartbeat_limit` seconds (a blocking call in `async def`);
2. no coroutine was created and never awaited (Python's "was never awaited" RuntimeWarning);
3. no task created by the code under test was still running when it returned;
4. no task failed with an exception that nobody retrieved.

Each failure is a `Verdict` with a plain explanation. The test's own assertion, if it failed,
wins when it explains more; a blocked loop is reported with it either way.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from awaitlings.clocks import RealClockLoop, VirtualClockLoop
from awaitlings.heartbeat import Heartbeat
from awaitlings.verdicts import Verdict, plural, secs

T = TypeVar("T")


@dataclass(frozen=True)
class RunOptions:
    virtual: bool = True  # virtual clock (timers jump) or the real clock
    heartbeat_limit: float | None = 0.1  # None: do not watch for a blocked loop
    deadline: float = 60.0  # loop seconds before the test's coroutine is cancelled
    allow_leftover_tasks: bool = False
    watch_paths: tuple[str, ...] = ()  # student files, to name the line that blocked


@dataclass
class RunReport:
    result: Any = None
    elapsed: float = 0.0  # loop time, virtual or real
    heartbeat: Heartbeat | None = None
    never_awaited: list[str] = field(default_factory=list)
    leftover_tasks: list[str] = field(default_factory=list)
    unretrieved: list[str] = field(default_factory=list)
    destroyed_pending: list[str] = field(default_factory=list)


def new_loop(virtual: bool) -> asyncio.AbstractEventLoop:
    return VirtualClockLoop() if virtual else RealClockLoop()


def run(factory: Callable[[], Awaitable[T]], options: RunOptions = RunOptions()) -> RunReport:
    """Run `factory()` to completion on a fresh loop; raise a `Verdict` on async mistakes."""
    loop = new_loop(options.virtual)
    report = RunReport()
    problems: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: problems.append(context))
    heartbeat = (
        Heartbeat(limit=options.heartbeat_limit, watch_paths=options.watch_paths)
        if options.heartbeat_limit is not None
        else None
    )
    report.heartbeat = heartbeat
    test_error: BaseException | None = None

    async def main() -> Any:
        if heartbeat is not None:
            heartbeat.start(loop)
        start = loop.time()
        try:
            async with asyncio.timeout(options.deadline):
                result = await factory()
            # Tasks still pending the moment the code under test returns were neither awaited
            # nor awaited after cancelling (a bare `task.cancel()` only *asks* a task to stop).
            me = asyncio.current_task()
            report.leftover_tasks = [_describe_task(t) for t in asyncio.all_tasks() if t is not me and not t.done()]
            return result
        except TimeoutError as exc:
            if loop.time() - start >= options.deadline:
                raise Verdict(
                    f"""
                    The test was still waiting after {secs(options.deadline)} of loop time.
                    Something awaited by your code never finishes: an Event that is never
                    set, a queue nobody feeds, a task that waits for itself, or a loop with no
                    way out. Check every `await` for what would make it complete.
                    """
                ) from exc
            raise
        finally:
            report.elapsed = loop.time() - start
            if heartbeat is not None:
                heartbeat.stop()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        try:
            asyncio.set_event_loop(loop)
            report.result = loop.run_until_complete(main())
        except BaseException as exc:
            test_error = exc
        finally:
            moved = getattr(loop, "clock_was_moved", None)
            clock_patched = ((moved() if moved else False) or getattr(loop, "_clock_patch_attempted", False)
                             or "time" in vars(loop))
            still_running = _cancel_leftovers(loop)
            report.leftover_tasks = report.leftover_tasks or still_running
            _close(loop)
            asyncio.set_event_loop(None)
            gc.collect()
    report.never_awaited = [
        str(w.message) for w in caught if "was never awaited" in str(w.message)
    ]
    for context in problems:
        message = str(context.get("message", ""))
        if "Task was destroyed but it is pending" in message:
            report.destroyed_pending.append(repr(context.get("task")))
        elif "exception was never retrieved" in message:
            exc = context.get("exception")
            report.unretrieved.append(f"{type(exc).__name__}: {exc}" if exc else message)

    if isinstance(test_error, RuntimeError):
        explained = explain_runtime_error(test_error)
        if explained:
            test_error = Verdict(explained)
    verdicts = _async_mistakes(report, options)
    if clock_patched:
        verdicts.insert(0, "Your code replaced the event loop's `time`, or moved the grader's virtual "
                        "clock. The grader measures with its own clock, so this cannot make your code "
                        "look faster; remove it.")
    if test_error is not None:
        if verdicts and isinstance(test_error, (AssertionError, Exception)):
            # The async mistake explains the failed assertion better than the assertion does.
            raise Verdict("\n\n".join([*verdicts, f"(The test then failed with: {test_error})"])) from None
        raise test_error
    if verdicts:
        raise Verdict("\n\n".join(verdicts))
    return report


def _async_mistakes(report: RunReport, options: RunOptions) -> list[str]:
    verdicts = []
    heartbeat = report.heartbeat
    if heartbeat is not None and heartbeat.worst is not None:
        worst = heartbeat.worst
        where = f" at {worst.where}" if worst.where else ""
        verdicts.append(
            f"The event loop was blocked for {secs(worst.seconds)}{where} "
            f"(the grader allows {secs(options.heartbeat_limit or 0)}). While it was blocked, "
            "no other task could run. Inside `async def`, wait with `await` "
            "(e.g. `await asyncio.sleep(...)` instead of `time.sleep(...)`), call blocking "
            "libraries through `await asyncio.to_thread(...)`, and send heavy computation to "
            "a process pool."
        )
    if report.never_awaited:
        names = ", ".join(sorted({_coro_name(m) for m in report.never_awaited}))
        verdicts.append(
            f"Python warned that a coroutine was never awaited: {names}. Calling an "
            "`async def` function only creates a coroutine object; nothing inside it runs "
            "until you `await` it (or hand it to `asyncio.create_task` / `gather`). "
            "Add the missing `await`."
        )
    if report.leftover_tasks and not options.allow_leftover_tasks:
        verdicts.append(
            f"{plural(len(report.leftover_tasks), 'task')} you started "
            f"{'was' if len(report.leftover_tasks) == 1 else 'were'} still running when your "
            f"code returned: {', '.join(report.leftover_tasks[:3])}. Every task you create "
            "must be awaited (or cancelled and awaited) before you return, or its work is "
            "lost and its errors vanish. `asyncio.gather` or `async with asyncio.TaskGroup()` "
            "does this for you."
        )
    if report.destroyed_pending:
        verdicts.append(
            f"A task was destroyed while it was still pending ({report.destroyed_pending[0]}): "
            "nothing kept a reference to it, so Python threw it away before it finished. Keep "
            "the task returned by `asyncio.create_task(...)` and await it (or use a TaskGroup)."
        )
    if report.unretrieved:
        verdicts.append(
            "A task failed and nobody looked at its error: "
            f"{report.unretrieved[0]}. Await every task you start, so its exception reaches you."
        )
    return verdicts


RUNTIME_ERRORS = {
    "tried to use socket": (
        "Your code tried to reach the network beyond this machine. Grading runs without a "
        "network: use the services and clients the exercise hands you (they are fakes the "
        "grader controls), and 127.0.0.1 for servers you start yourself."
    ),
    "cannot be called from a running event loop": (
        "`asyncio.run()` was called while an event loop was already running. `asyncio.run` "
        "starts a program's *first* loop, from plain code; inside `async def` you are already "
        "in a loop, so `await` the coroutine instead."
    ),
    "This event loop is already running": (
        "`loop.run_until_complete()` was called from code that runs inside that loop. Inside "
        "`async def`, `await` the coroutine instead."
    ),
    "no running event loop": (
        "Something asyncio-only (`asyncio.get_running_loop()`, `asyncio.create_task`) was "
        "called from plain code outside any event loop. Call it from inside an `async def` "
        "that is being awaited."
    ),
    "coroutine is being awaited already": (
        "The same coroutine object was awaited twice at once. A coroutine runs once: create a "
        "new one per await, or wrap it in a task and await the task."
    ),
    "cannot reuse already awaited coroutine": (
        "A coroutine object was awaited a second time. A coroutine runs only once: call the "
        "`async def` function again for a new one, or keep and re-await its *result*."
    ),
}


def explain_runtime_error(error: RuntimeError) -> str | None:
    text = str(error)
    for needle, explanation in RUNTIME_ERRORS.items():
        if needle in text:
            return f"{explanation}\n\n(Python said: RuntimeError: {text})"
    return None


def _coro_name(message: str) -> str:
    # "coroutine 'fetch' was never awaited" -> "fetch()"
    parts = message.split("'")
    if len(parts) < 3:
        return message
    return f"{parts[1].rsplit('<locals>.', 1)[-1]}()"


def _cancel_leftovers(loop: asyncio.AbstractEventLoop) -> list[str]:
    leftovers = [t for t in asyncio.all_tasks(loop) if not t.done()]
    names = [_describe_task(t) for t in leftovers]
    for task in leftovers:
        task.cancel()
    if leftovers:
        # Bounded: a task that refuses to die must not hang the grader.
        gathered = asyncio.gather(*leftovers, return_exceptions=True)
        with contextlib.suppress(BaseException):
            loop.run_until_complete(asyncio.wait_for(gathered, timeout=2))
    return names


def _describe_task(task: asyncio.Task[Any]) -> str:
    coro = task.get_coro()
    name = getattr(coro, "__qualname__", None) or task.get_name()
    return f"{name}()"


def _close(loop: asyncio.AbstractEventLoop) -> None:
    with contextlib.suppress(BaseException):
        loop.run_until_complete(loop.shutdown_asyncgens())
    executor = getattr(loop, "_default_executor", None)
    if executor is not None:
        # Do not wait for a thread stuck in student code; the process timeout handles that.
        executor.shutdown(wait=False, cancel_futures=True)
    loop.close()


__all__ = ["RunOptions", "RunReport", "new_loop", "run"]
