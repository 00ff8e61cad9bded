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
import traceback
import warnings
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pytest

from awaitlings.engine import app_errors
from awaitlings.engine.clocks import RealClockLoop, VirtualClockLoop
from awaitlings.engine.explain import advice, describe, explain, shown_path
from awaitlings.engine.fakes import coroutine_name
from awaitlings.engine.heartbeat import Heartbeat
from awaitlings.engine.verdicts import Verdict, plural, secs

T = TypeVar("T")


@dataclass(frozen=True)
class RunOptions:
    virtual: bool = True  # virtual clock (timers jump) or the real clock
    heartbeat_limit: float | None = 0.1  # None: do not watch for a blocked loop
    deadline: float = 60.0  # loop seconds before the test's coroutine is cancelled
    allow_leftover_tasks: bool = False
    watch_paths: tuple[str, ...] = ()  # student files, to name the line that blocked or raised
    full_tracebacks: bool = False  # unforeseen errors: the whole traceback after the explanation


@dataclass
class RunReport:
    result: Any = None
    elapsed: float = 0.0  # loop time, virtual or real
    heartbeat: Heartbeat | None = None
    never_awaited: list[str] = field(default_factory=list)
    leftover_tasks: list[str] = field(default_factory=list)
    unretrieved: list[str] = field(default_factory=list)
    destroyed_pending: list[str] = field(default_factory=list)


def new_loop(virtual: bool) -> VirtualClockLoop | RealClockLoop:
    return VirtualClockLoop() if virtual else RealClockLoop()


def run(factory: Callable[[], Awaitable[T]], options: RunOptions = RunOptions()) -> RunReport:
    """Run `factory()` to completion on a fresh grader loop; raise a `Verdict` on async mistakes.
    (Course tests run through pytest-asyncio instead, on the same loops: see the plugin.)"""
    with asyncio.Runner(loop_factory=lambda: new_loop(options.virtual)) as runner:
        return runner.run(checked(factory, options))


async def checked(factory: Callable[[], Awaitable[T]], options: RunOptions) -> RunReport:
    """Await `factory()` on the running grader loop, then check it for async mistakes.

    Everything happens inside the test's call phase: the deadline, the heartbeat, cancelling
    leftover tasks (bounded), shutting the executor down (without waiting for student threads)
    and collecting the garbage that warns of never-awaited coroutines. The loop's own close,
    later, is bounded too (`bound_cleanup`)."""
    loop = asyncio.get_running_loop()
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
    _drop_earlier_garbage()
    app_errors.install()
    app_errors.reset()
    me = asyncio.current_task()

    async def main() -> Any:
        _student_files.set(options.watch_paths)
        if heartbeat is not None:
            heartbeat.start(loop)
        start = loop.time()
        waiting: list[str] = []
        # Just before the deadline, note where the student's code is waiting, for the message.
        snapshot = loop.call_at(
            start + options.deadline * 0.999, lambda: waiting.extend(_waiting_where(loop, options.watch_paths))
        )
        try:
            async with asyncio.timeout(options.deadline):
                result = await factory()
            # Tasks still pending the moment the code under test returns were neither awaited
            # nor awaited after cancelling (a bare `task.cancel()` only *asks* a task to stop).
            report.leftover_tasks = [_describe_task(t) for t in asyncio.all_tasks() if t is not me and not t.done()]
            return result
        except TimeoutError as exc:
            if loop.time() - start >= options.deadline:
                at = f" It was waiting at {', '.join(dict.fromkeys(waiting))}." if waiting else ""
                raise Verdict(
                    f"The test was still waiting after {secs(options.deadline)} of loop time.{at} "
                    "Something awaited by your code never finishes: an Event that is never set, a "
                    "queue nobody feeds, a task that waits for itself, or a loop with no way out. "
                    "Check every `await` for what would make it complete."
                ) from exc
            raise
        finally:
            snapshot.cancel()
            report.elapsed = loop.time() - start
            if heartbeat is not None:
                heartbeat.stop()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        try:
            report.result = await main()
        except BaseException as exc:
            test_error = exc
        finally:
            moved = getattr(loop, "clock_was_moved", None)
            clock_patched = (
                (moved() if moved else False) or getattr(loop, "_clock_patch_attempted", False) or "time" in vars(loop)
            )
            still_running = await _cancel_leftovers(me)
            report.leftover_tasks = report.leftover_tasks or still_running
            await _close(loop)
            if test_error is not None:
                test_error = _settle(test_error, options)
                test_error = _with_app_error(test_error, app_errors.take(), options)
            app_errors.reset()
            # Collected here, inside this test's warning catcher: a coroutine this test's code
            # never awaited is charged to this test, never to the next one.
            gc.collect()
    report.never_awaited = [_coro_name(w) for w in caught if "was never awaited" in str(w.message)]
    for context in problems:
        message = str(context.get("message", ""))
        if "Task was destroyed but it is pending" in message:
            report.destroyed_pending.append(repr(context.get("task")))
        elif "exception was never retrieved" in message:
            failure = context.get("exception")
            report.unretrieved.append(f"{type(failure).__name__}: {failure}" if failure else message)

    verdicts = _async_mistakes(report, options)
    if clock_patched:
        verdicts.insert(
            0,
            "Your code replaced the event loop's `time`, or moved the grader's virtual "
            "clock. The grader measures with its own clock, so this cannot make your code "
            "look faster; remove it.",
        )
    if test_error is not None:
        if verdicts and isinstance(test_error, Unforeseen):
            # The error is what the student sees first; the async mistakes behind it follow.
            raise Verdict("\n\n".join([str(test_error), *verdicts])) from None
        if verdicts and isinstance(test_error, Exception):
            # The async mistake explains the failed assertion better than the assertion does.
            raise Verdict("\n\n".join([*verdicts, f"The test then failed with: {test_error}"])) from None
        raise test_error
    if verdicts:
        raise Verdict("\n\n".join(verdicts))
    return report


# The student's files of the test now running, for messages that name where their code waits.
_student_files: ContextVar[tuple[str, ...]] = ContextVar("awaitlings_student_files", default=())


def waiting_where() -> list[str]:
    """Where the student's code in this loop's tasks is waiting now, as `file:line in function`."""
    return _waiting_where(asyncio.get_running_loop(), _student_files.get())


def _waiting_where(loop: asyncio.AbstractEventLoop, watch_paths: tuple[str, ...]) -> list[str]:
    """`file:line in function` of the student's innermost frame in each task that is waiting."""
    found = []
    for task in asyncio.all_tasks(loop):
        innermost = None
        coro: Any = task.get_coro()
        while coro is not None:  # follow the chain of awaits down to where it is suspended
            frame = next((f for a in ("cr_frame", "ag_frame", "gi_frame") if (f := getattr(coro, a, None))), None)
            if frame is not None and frame.f_code.co_filename in watch_paths:
                innermost = f"{shown_path(frame.f_code.co_filename)}:{frame.f_lineno} in {frame.f_code.co_name}"
            coro = next((c for a in ("cr_await", "ag_await", "gi_yieldfrom") if (c := getattr(coro, a, None))), None)
        if innermost is not None:
            found.append(innermost)
    return sorted(found)


# pytest's own outcomes (skip, exit, ...) pass through: the plugin words those itself.
_PYTEST_OUTCOMES = (pytest.skip.Exception, pytest.xfail.Exception, pytest.exit.Exception, pytest.fail.Exception)


class Unforeseen(Verdict):
    """An error no test foresaw, explained (`awaitlings.engine.explain`)."""


class AppError(Unforeseen):
    """A test's verdict, followed by the error the student's app raised on the way."""


# A full collection walks FastAPI's and pydantic's whole heap (~25 ms, twice per test). What is
# alive before a test starts is frozen (`gc.freeze`), so the collections around a test walk only
# what it made; every `_UNFREEZE_EVERY` tests everything is walked once, so cyclic garbage of
# earlier tests (old student modules, their apps) is freed, not kept for the whole session.
_UNFREEZE_EVERY = 25
_frozen_tests = 0


def _drop_earlier_garbage() -> None:
    # Whatever earlier tests left for the collector is theirs: do not let it warn in this test.
    global _frozen_tests
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _frozen_tests += 1
        if _frozen_tests >= _UNFREEZE_EVERY:
            _frozen_tests = 0
            gc.unfreeze()
        gc.collect()
    gc.freeze()


def _settle(error: BaseException, options: RunOptions) -> BaseException:
    """Explain an error no test foresaw, then free its frames: the locals they hold (a coroutine
    that was never awaited, say) are collected while this test still runs."""
    settled: BaseException = error
    if isinstance(error, Exception) and not isinstance(error, (Verdict, *_PYTEST_OUTCOMES)):
        if options.watch_paths:
            settled = Unforeseen(explain(error, options.watch_paths, full=options.full_tracebacks))
        elif isinstance(error, RuntimeError) and (tip := advice(error)):
            settled = Unforeseen(f"{tip}\n\n(Python said: {describe(error)})")
    _free_frames([error])
    return settled


def _free_frames(errors: list[BaseException]) -> None:
    """Clear the frames of `errors` and of the exceptions chained to them."""
    seen: set[int] = set()
    for error in errors:
        chained: BaseException | None = error
        while chained is not None and id(chained) not in seen:
            seen.add(id(chained))
            traceback.clear_frames(chained.__traceback__)
            chained = chained.__cause__ or chained.__context__


def _with_app_error(error: BaseException, raised: list[BaseException], options: RunOptions) -> BaseException:
    """A failed test whose app raised inside a route (a 500) or its lifespan: say where, first."""
    if not raised or isinstance(error, Unforeseen) or not isinstance(error, Exception) or not options.watch_paths:
        _free_frames(raised)
        return error
    explained = explain(raised[0], options.watch_paths, full=options.full_tracebacks)
    _free_frames(raised)
    return AppError(f"{explained.replace('Your code raised', 'Your app raised', 1)}\n\nThe test then said: {error}")


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
        names = ", ".join(sorted(set(report.never_awaited)))
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


def _coro_name(warning: warnings.WarningMessage) -> str:
    """The never-awaited call, named as the student knows it."""
    message = str(warning.message)
    parts = message.split("'")  # "coroutine 'Class.fetch' was never awaited"
    return coroutine_name(warning.source, parts[1]) if len(parts) >= 3 else message


CLEANUP_LIMIT = 2.0  # loop seconds leftover tasks get to finish after they were cancelled


async def _cancel_leftovers(me: asyncio.Task[Any] | None) -> list[str]:
    leftovers = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
    names = [_describe_task(t) for t in leftovers]
    for task in leftovers:
        task.cancel()
    if leftovers:
        # Bounded: a task that refuses to die (it catches CancelledError and goes on) must not
        # hang the grader. `asyncio.wait` gives up after the timeout without cancelling again
        # and waiting for that, as `wait_for` would; whatever still runs is closed with the loop.
        with contextlib.suppress(Exception):
            await asyncio.wait(leftovers, timeout=CLEANUP_LIMIT)
    # Still running: it swallowed the cancellation. Close its coroutine (GeneratorExit is not a
    # CancelledError it could swallow) and cancel once more, so the task ends and the loop's own
    # close, in teardown, has nothing left to wait for. Its error is ours, not the student's.
    stubborn = [t for t in leftovers if not t.done()]
    for task in stubborn:
        with contextlib.suppress(BaseException):
            task.get_coro().close()
        task.cancel()
    if stubborn:
        with contextlib.suppress(Exception):
            await asyncio.wait(stubborn, timeout=CLEANUP_LIMIT)
        for task in stubborn:
            if task.done() and not task.cancelled():
                task.exception()  # retrieved: not logged as "never retrieved"
    return names


def _describe_task(task: asyncio.Task[Any]) -> str:
    coro = task.get_coro()
    name = getattr(coro, "__qualname__", None) or task.get_name()
    return f"{name}()"


async def _close(loop: asyncio.AbstractEventLoop) -> None:
    """Finish the student's async generators (bounded) and let their threads go, then make
    the loop's own close, in the test's teardown, bounded as well."""
    with contextlib.suppress(Exception):
        await asyncio.wait([asyncio.ensure_future(loop.shutdown_asyncgens())], timeout=CLEANUP_LIMIT)
    # Do not wait for a thread stuck in student code; the per-test timeout handles that.
    await loop.shutdown_default_executor()
    if isinstance(loop, (VirtualClockLoop, RealClockLoop)):
        loop.bound_cleanup(CLEANUP_LIMIT)


__all__ = ["RunOptions", "RunReport", "checked", "new_loop", "run", "waiting_where"]
