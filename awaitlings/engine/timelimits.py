"""Per-test time limits (pytest-timeout's settings, the grader's own timer).

A test that outlives its limit writes why into the run's state folder and ends its worker
process; pytest-xdist (`-n 1`) reports it failed with that message and starts a fresh worker,
so the run goes on. A function that never returns costs its exercise one full limit: the
exercise's later tests get `AFTER_A_HANG` and say why. While a test runs long, a line every
`PROGRESS_EVERY` seconds says where the student's code is.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import Any

import pytest

from awaitlings import processes
from awaitlings.engine.clocks import real_monotonic
from awaitlings.engine.heartbeat import describe_frame
from awaitlings.engine.session import exercise_of, folder, loader_for, student_files
from awaitlings.engine.verdicts import secs
from awaitlings.manifest import course

AFTER_A_HANG = 5.0
PROGRESS_EVERY = 5.0


class TimeLimits:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(tryfirst=True)
    def pytest_timeout_set_timer(self, item: pytest.Item, settings: Any) -> bool:
        seconds = _timeout_for(item, settings)
        watch = student_files(item)
        main_thread = threading.get_ident()
        state = folder(item.config)
        ex = exercise_of(item)
        hung = state.hung(loader_for(item).package, ex.module) if ex is not None else None
        earlier = hung.read_text(encoding="utf-8") if hung is not None and hung.exists() else None
        if earlier is not None:
            seconds = min(seconds, AFTER_A_HANG)
        name = item.nodeid.rsplit("::", 1)[-1]

        def where_now() -> str | None:
            frame = sys._current_frames().get(main_thread)
            return describe_frame(frame, watch) if frame is not None else None

        def expired() -> None:
            where = where_now()
            message = timeout_message(seconds, where)
            if earlier is not None:
                message += (
                    f" (An earlier test of this exercise was stopped the same way, {earlier}, so this "
                    f"one was given {secs(seconds)}.)"
                )
            try:
                state.crash(item.nodeid).write_text(message, encoding="utf-8")
                if hung is not None and earlier is None:
                    hung.write_text(f"still running {where}" if where else "still running", encoding="utf-8")
                marker = loader_for(item).import_marker(ex.module) if ex else None
                if marker is not None and marker.exists():
                    # Stuck while importing: later tests of this exercise fail at once with this.
                    marker.write_text(
                        f"Importing {ex.exercise_file if ex else 'the exercise'} did not finish within "
                        f"{secs(seconds)}.{' It was running ' + where + '.' if where else ''} Code at "
                        "the top level runs on import: remove the endless loop or long wait there.",
                        encoding="utf-8",
                    )
                sys.stderr.write(f"\n[awaitlings] {item.nodeid}: {message}\n")
                sys.stderr.flush()
                processes.kill_descendants()
            finally:
                os._exit(1)

        stop = threading.Event()

        def watchdog() -> None:
            started = real_monotonic()
            while True:
                left = seconds - (real_monotonic() - started)
                if left <= 0:
                    expired()
                if stop.wait(min(PROGRESS_EVERY, left)):
                    return
                elapsed = real_monotonic() - started
                if elapsed < seconds and ex is not None:  # the tooling's own long tests stay quiet
                    where = where_now()
                    _to_terminal(
                        item.config,
                        f"[awaitlings] {name}: still running after {elapsed:.0f} s"
                        f"{' at ' + where if where else ''} (stopped at {secs(seconds)})",
                    )

        thread = threading.Thread(target=watchdog, name=f"awaitlings-timeout {item.nodeid}", daemon=True)

        def cancel() -> None:
            stop.set()
            thread.join()

        item.cancel_timeout = cancel  # type: ignore[attr-defined]
        thread.start()
        return True


def _to_terminal(config: pytest.Config, line: str) -> None:
    """A line for the student's terminal while a test runs (its output is being captured)."""
    capman = config.pluginmanager.getplugin("capturemanager")
    try:
        with capman.global_and_fixture_disabled() if capman is not None else contextlib.nullcontext():
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
    except Exception:  # a progress line is never worth failing a test for
        pass


def _timeout_for(item: pytest.Item, settings: Any) -> float:
    # An explicit @pytest.mark.timeout or --timeout on the command line wins over info.toml.
    if item.get_closest_marker("timeout") is not None or item.config.getoption("timeout") is not None:
        return float(settings.timeout)
    ex = exercise_of(item)
    return course().timeout_for(ex) if ex is not None else float(settings.timeout)


def timeout_message(seconds: float, where: str | None) -> str:
    at = f" It was still running {where} when it was stopped." if where else ""
    return (
        f"This test did not finish within {secs(seconds)}, so it was stopped.{at} Look for a "
        "loop with no way out (`while True` without a `break`, or one that never awaits), "
        "`time.sleep` with a long delay, or an `await` on something that never completes "
        "(an Event nobody sets, a queue nobody fills). The other exercises were graded as usual."
    )
