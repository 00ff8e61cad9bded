"""How a test is called: on which loop, inside which checks, and what a test's end means.

`async def` tests run under pytest-asyncio on a loop made here (the virtual clock unless marked
`realtime`), wrapped in `runner.checked` (deadline, heartbeat, never-awaited and leftover
checks). Student code that ends the program, skips its tests or patches the grader gets a
verdict instead, and every failure is reported in the student's words, not as a traceback.
"""

from __future__ import annotations

import functools
import inspect
import signal
import threading
from collections.abc import Callable, Generator
from typing import Any

import pytest

from awaitlings.engine import guards
from awaitlings.engine.clocks import RealClockLoop, VirtualClockLoop
from awaitlings.engine.explain import explain
from awaitlings.engine.runner import RunOptions, checked
from awaitlings.engine.session import exercise_of, full_tracebacks, student_files, tamper_file
from awaitlings.engine.verdicts import Verdict


class GuardedCalls:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.sigint_received = False  # a real Ctrl-C, not student code raising KeyboardInterrupt
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, self._on_sigint)

    def _on_sigint(self, signum: int, frame: Any) -> None:
        self.sigint_received = True
        raise KeyboardInterrupt

    # pytest-asyncio runs every `async def` test (asyncio_mode = auto) on a loop this hook makes:
    # the virtual clock unless the test is marked `realtime`. Async fixtures share that loop.
    def pytest_asyncio_loop_factories(self, item: pytest.Item) -> dict[str, Callable[[], Any]]:
        if item.get_closest_marker("realtime") is not None:
            return {"real": RealClockLoop}
        return {"virtual": VirtualClockLoop}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        """Student code must not end the run, skip its own tests, or patch the clocks."""
        # An async test function is swapped for the checked one while it runs: pytest-asyncio's
        # runtest() calls whatever `obj` holds now.
        function = item if isinstance(item, pytest.Function) and inspect.iscoroutinefunction(item.obj) else None
        test = function.obj if function is not None else None
        if function is not None:
            function.obj = self._checked(item, function.obj)
        try:
            yield
        except KeyboardInterrupt:
            if self.sigint_received:
                raise
            raise Verdict(
                "Your code raised KeyboardInterrupt. Exercise code must not stop the program; "
                "let the function return (or raise an ordinary exception)."
            ) from None
        except (pytest.skip.Exception, pytest.xfail.Exception, pytest.exit.Exception) as exc:
            if exercise_of(item) is None:
                raise  # the tooling's own tests may skip; only a graded exercise's test may not
            raise Verdict(
                f"Your code called pytest's {type(exc).__name__.lower()}(). A skipped test is not a "
                "passed test: the exercise is graded only when its tests run to the end."
            ) from None
        except SystemExit as exc:
            raise Verdict(
                f"Your code called sys.exit({exc.code!r}) (or raised SystemExit). Exercise code must "
                "not end the program; return a value or raise an ordinary exception."
            ) from None
        finally:
            if function is not None:
                function.obj = test
            _check_guards(item)
        return None

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
        report: pytest.TestReport = yield
        if call.excinfo is not None and isinstance(call.excinfo.value, Verdict):
            # A verdict is written for the student: show it alone, not a traceback.
            report.longrepr = str(call.excinfo.value)
        elif (
            call.excinfo is not None
            and isinstance(call.excinfo.value, Exception)
            and call.when == "call"
            and exercise_of(item) is not None
        ):
            # A plain test (async ones are explained by the runner): the same few lines, not a
            # traceback through pytest and pluggy.
            report.longrepr = explain(call.excinfo.value, student_files(item), full=full_tracebacks(item.config))
        return report

    def _checked(self, item: pytest.Item, test: Callable[..., Any]) -> Callable[..., Any]:
        """The test function pytest-asyncio will run, wrapped in the grader's checks (deadline,
        heartbeat, never-awaited and leftover checks, bounded cleanup: `runner.checked`)."""
        options = run_options(item)

        @functools.wraps(test)
        async def checked_test(*args: Any, **kwargs: Any) -> None:
            await checked(lambda: test(*args, **kwargs), options)

        return checked_test


def run_options(item: pytest.Item) -> RunOptions:
    config = item.config
    limit: float | None = float(config.getini("awaitlings_heartbeat_limit"))
    marker = item.get_closest_marker("heartbeat")
    if marker is not None:
        limit = marker.args[0] if marker.args else None
    return RunOptions(
        virtual=item.get_closest_marker("realtime") is None,
        heartbeat_limit=limit,
        allow_leftover_tasks=item.get_closest_marker("allow_leftover_tasks") is not None,
        watch_paths=student_files(item),
        full_tracebacks=full_tracebacks(config),
    )


def _check_guards(item: pytest.Item) -> None:
    """A verdict when the test's code replaced the grader's clocks or rewrote its fakes."""
    replaced = guards.check_and_restore()
    rewritten = guards.fakes_changed()
    if not replaced and not rewritten:
        return
    parts = []
    if replaced:
        parts.append(
            f"Your code replaced {', '.join(replaced)}. The grader keeps its own clocks, so "
            "this cannot make your code look faster; it only breaks other code. Remove it."
        )
    if rewritten:
        parts.append(
            f"Your code tried to change the grader's {', '.join(rewritten)}. The services "
            "the tests hand you are measuring instruments: their settings and records "
            "cannot be rewritten (the change was ignored). Only call them."
        )
    message = " ".join(parts)
    ex = exercise_of(item)
    if ex is not None:  # every later test of this exercise fails with the same words
        tamper_file(item, ex.module).write_text(message, encoding="utf-8")
    raise Verdict(message)
