"""The grader, as a pytest plugin (loaded by the repository's root `conftest.py`).

This module adds the options, the fixtures and the warm-up, and registers the parts, each a
class holding its own state (registered on the config in `pytest_configure`):

- `Selection` (selection.py): `--variants`, `--task`, every graded test names its task;
- `GuardedCalls` (calls.py): the loop each test runs on (pytest-asyncio's
  `pytest_asyncio_loop_factories`: virtual clock unless `realtime`), `runner.checked` around it,
  verdicts for student code that exits, skips or patches the grader, reports in plain words;
- `TimeLimits` (timelimits.py): per-test limits; a hung test ends its worker, xdist (`-n 1`)
  starts another, and the run goes on;
- `QuietOutput` (quiet.py): no pytest or xdist chatter around the box;
- `ResultsReporter` (reporter.py, the process that owns the results): the results JSON and the box.

The `ex` fixture imports the exercise module named after the test file (`tests/test_<module>.py`)
from `--target exercises|solutions|PATH`, so one test body grades students' stubs and checks the
reference solutions. An exercise that cannot be imported fails its own tests only.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from awaitlings import results
from awaitlings.engine import session
from awaitlings.engine.calls import GuardedCalls
from awaitlings.engine.quiet import QuietOutput
from awaitlings.engine.reporter import ResultsReporter
from awaitlings.engine.selection import Selection
from awaitlings.engine.session import STATE_KEY, VARIANT_TASKS, exercise_of, loader_for, tamper_file, task_of
from awaitlings.engine.targets import NAMED_TARGETS
from awaitlings.engine.timelimits import AFTER_A_HANG, PROGRESS_EVERY, TimeLimits, timeout_message
from awaitlings.engine.verdicts import Verdict
from awaitlings.manifest import ROOT, Exercise

_reporter_key = pytest.StashKey[ResultsReporter]()


# ---------------------------------------------------------------- options and configuration


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("awaitlings")
    group.addoption(
        "--target",
        default="exercises",
        help="code to grade: 'exercises' (default), 'solutions', or a folder of exercise modules",
    )
    group.addoption("--results-json", default=None, help="where to write the results JSON")
    group.addoption("--no-progress", action="store_true", help="no progress summary at the end")
    group.addoption("--task", type=int, default=None, help="run only the tests of this task number")
    group.addoption(
        "--variants",
        default=None,
        help="a folder of submissions (one subfolder each): every test runs once per submission "
        "that has its exercise (fast grading of many wrong answers in one session); a subfolder "
        f"with a {VARIANT_TASKS} file (task ids, comma separated) runs only those tasks' tests",
    )
    parser.addini("awaitlings_heartbeat_limit", "seconds the event loop may be blocked", default="0.1")
    parser.addini(
        "awaitlings_wallclock_factor",
        "wall-clock second opinion: real time may be this many times the ideal",
        default="3.0",
    )


MARKERS = (
    "task(n): the exercise task this test grades (points come from info.toml)",
    "realtime: run on the real clock instead of the virtual one (threads, servers)",
    "heartbeat(limit): loop-lag limit in seconds for this test; None turns it off",
    "allow_leftover_tasks: tasks still running at the end are not a failure",
)


def pytest_configure(config: pytest.Config) -> None:
    config.args[:] = _exercise_args_to_tests(list(config.args))
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    if _affected_by_gh106905() and config.option.tbstyle == "auto":
        # CPython 3.11.0-3.11.7 / 3.12.0-3.12.1 can crash pytest's own traceback formatting
        # (gh-106905) after student code leaves tasks running; native tracebacks avoid it.
        config.option.tbstyle = "native"
    worker = getattr(config, "workerinput", None)
    # The controller (or a run without xdist) owns the state folder; workers are told where it is.
    session.start(config, Path(tempfile.mkdtemp(prefix="awaitlings-")) if worker is None else Path(worker[STATE_KEY]))
    if worker is None:  # the process that owns the results: xdist's controller, or the only one
        reporter = ResultsReporter(config, session.folder(config), config.stash[session.loader_key].directory)
        config.stash[_reporter_key] = reporter
        config.pluginmanager.register(reporter, "awaitlings-reporter")
    config.pluginmanager.register(Selection(config), "awaitlings-selection")
    config.pluginmanager.register(GuardedCalls(config), "awaitlings-calls")
    config.pluginmanager.register(TimeLimits(config), "awaitlings-time-limits")
    config.pluginmanager.register(
        QuietOutput(config, grading_the_course=_grades_the_course(config)), "awaitlings-quiet"
    )
    # xdist's controller (dist is not "no" and this is no worker) runs no tests: no warm-up.
    if worker is not None or getattr(config.option, "dist", "no") == "no":
        _warm_up()  # where tests run: the worker, or the only process without xdist


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist controller: tell each worker where the shared state folder is."""
    node.workerinput[STATE_KEY] = str(node.config.stash[session.state_key])


def _grades_the_course(config: pytest.Config) -> bool:
    """This run grades exercises (the course's tests), not the tooling's own selftests."""
    return all(Path(arg.split("::", 1)[0]).resolve().is_relative_to(ROOT / "tests") for arg in config.args)


def _exercise_args_to_tests(args: list[str]) -> list[str]:
    """`pytest exercises/ex06_gather.py` grades that exercise: an exercise file (or a solution)
    given on the command line stands for its tests."""
    rewritten = []
    for arg in args:
        path = Path(arg.split("::", 1)[0])
        tests = ROOT / "tests" / f"test_{path.stem}.py"
        if path.suffix == ".py" and path.parent.name in NAMED_TARGETS and tests.exists():
            arg = str(tests.relative_to(ROOT)) if Path.cwd() == ROOT else str(tests)
        rewritten.append(arg)
    return rewritten


def _affected_by_gh106905() -> bool:
    v = sys.version_info[:3]
    return (3, 11, 0) <= v < (3, 11, 8) or (3, 12, 0) <= v < (3, 12, 2)


def _warm_up() -> None:
    """Import what tests and apps import lazily, before any timed test: a first-use import can
    take a tenth of a second on a busy machine, and that is not the student's doing."""
    import importlib

    for name in (
        "httpx",
        "anyio",
        "anyio._backends._asyncio",
        "fastapi",
        "starlette.responses",
        "starlette.background",
        "uvicorn",
        "sqlite3",
        "aiosqlite",
        "concurrent.futures.process",
        "multiprocessing.pool",
    ):
        try:
            importlib.import_module(name)
        except Exception:  # optional: a module that is missing is not warmed
            continue
    # A first request does one-time work too (anyio's backend, FastAPI reading an endpoint's
    # source, httpx's cookie patterns): serve one, on a throwaway loop.
    try:
        import asyncio

        import httpx
        from fastapi import Depends, FastAPI

        app = FastAPI()

        async def dependency() -> bool:
            return True

        @app.get("/warm")
        async def warm(ok: bool = Depends(dependency)) -> dict[str, bool]:
            return {"warm": ok}

        @app.get("/warm-def")
        def warm_def() -> dict[str, bool]:
            return {"warm": True}

        async def request() -> None:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://warm") as client:
                await client.get("/warm")
                await client.get("/warm-def")

        asyncio.run(request())
    except Exception:  # warming is an optimisation; grading works without it
        pass


# ---------------------------------------------------------------- fixtures


@pytest.fixture
def ex(request: pytest.FixtureRequest) -> Any:
    """The module under test: `<target>/<module>.py` for this test file's exercise."""
    exercise = exercise_of(request.node)
    if exercise is None:
        raise pytest.UsageError(f"{request.node.nodeid}: test file name names no exercise")
    module = loader_for(request.node).load(exercise.module)
    tampered = tamper_file(request.node, exercise.module)
    if tampered.exists():
        raise Verdict(tampered.read_text(encoding="utf-8"))
    return module


@pytest.fixture
def exercise(request: pytest.FixtureRequest) -> Exercise:
    """This test file's manifest entry (timing data lives in `exercise.timing`)."""
    found = exercise_of(request.node)
    assert found is not None
    return found


@pytest.fixture
def wallclock_factor(request: pytest.FixtureRequest) -> float:
    """How generous wall-clock second opinions are (pytest configuration, not env vars)."""
    return float(request.config.getini("awaitlings_wallclock_factor"))


def collected_results(config: pytest.Config) -> results.Results:
    """The results so far, as the controller's reporter has them."""
    return config.stash[_reporter_key].collected()


__all__ = [
    "AFTER_A_HANG",
    "PROGRESS_EVERY",
    "VARIANT_TASKS",
    "collected_results",
    "exercise_of",
    "task_of",
    "timeout_message",
]
