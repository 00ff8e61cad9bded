"""The grader, as a pytest plugin (loaded by the repository's root `conftest.py`).

- `--target exercises|solutions|PATH` picks the code under test; the `ex` fixture imports the
  exercise module named after the test file (`tests/test_<module>.py`), so one test body
  grades students' stubs and checks the reference solutions. An exercise that cannot be
  imported fails its own tests only, with the file and line.
- `async def` tests (and async fixtures) run under pytest-asyncio on a grader-owned loop this
  plugin's `pytest_asyncio_loop_factories` makes: virtual clock unless marked
  `@pytest.mark.realtime`; `runner.checked` adds a loop-lag heartbeat, a deadline, and checks
  for never-awaited coroutines and leftover tasks.
- Every test is tagged `@pytest.mark.task(N)`; points come from the manifest per task.
- Per-test timeouts (pytest-timeout's settings, our timer): a hung test writes why, then ends
  its worker process; pytest-xdist (`-n 1`) reports the test as failed with that message and
  starts a fresh worker, so the run goes on.
- After the run: a progress summary and a results JSON (`awaitlings.results`).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest

from awaitlings import processes, results
from awaitlings.engine import guards
from awaitlings.engine.clocks import RealClockLoop, VirtualClockLoop, real_monotonic
from awaitlings.engine.explain import explain
from awaitlings.engine.heartbeat import describe_frame
from awaitlings.engine.reporter import ResultsReporter
from awaitlings.engine.runner import RunOptions, checked
from awaitlings.engine.statefolder import StateFolder
from awaitlings.engine.targets import NAMED_TARGETS, ModuleLoader
from awaitlings.engine.verdicts import Verdict, secs
from awaitlings.manifest import ROOT, Exercise, course

STATE_KEY = "awaitlings_state"
_sigint_received = False


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


def pytest_configure(config: pytest.Config) -> None:
    config.args[:] = _exercise_args_to_tests(list(config.args))
    if _grades_the_course(config) and config.option.reportchars == "fE" and config.get_verbosity() <= 0:
        # The awaitlings box lists what failed, in the tests' words; pytest's "short test summary"
        # would only repeat it below the box, scrolling it away. (`-ra` brings it back.)
        config.option.reportchars = ""
    for marker in (
        "task(n): the exercise task this test grades (points come from info.toml)",
        "realtime: run on the real clock instead of the virtual one (threads, servers)",
        "heartbeat(limit): loop-lag limit in seconds for this test; None turns it off",
        "allow_leftover_tasks: tasks still running at the end are not a failure",
    ):
        config.addinivalue_line("markers", marker)
    if _affected_by_gh106905() and config.option.tbstyle == "auto":
        # CPython 3.11.0-3.11.7 / 3.12.0-3.12.1 can crash pytest's own traceback formatting
        # (gh-106905) after student code leaves tasks running; native tracebacks avoid it.
        config.option.tbstyle = "native"
    worker = getattr(config, "workerinput", None)
    if worker is None:
        # Controller (or a run without xdist): owns the state folder and the results.
        state = Path(tempfile.mkdtemp(prefix="awaitlings-"))
        config.stash[_state_key] = state
    else:
        config.stash[_state_key] = Path(worker[STATE_KEY])
    config.stash[_loader_key] = ModuleLoader(config.getoption("target"), config.stash[_state_key])
    if worker is None:  # the process that owns the results: xdist's controller, or the only one
        reporter = ResultsReporter(config, _folder(config), config.stash[_loader_key].directory)
        config.stash[_reporter_key] = reporter
        config.pluginmanager.register(reporter, "awaitlings-reporter")
    config.stash[_variant_loaders_key] = {}
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_sigint)
    # xdist's controller (dist is not "no" and this is no worker) runs no tests: no warm-up.
    if worker is not None or getattr(config.option, "dist", "no") == "no":
        _warm_up()  # where tests run: the worker, or the only process without xdist


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


def _affected_by_gh106905() -> bool:
    v = sys.version_info[:3]
    return (3, 11, 0) <= v < (3, 11, 8) or (3, 12, 0) <= v < (3, 12, 2)


def _on_sigint(signum: int, frame: Any) -> None:
    global _sigint_received
    _sigint_received = True
    raise KeyboardInterrupt


_state_key = pytest.StashKey[Path]()
_reporter_key = pytest.StashKey[ResultsReporter]()
_loader_key = pytest.StashKey[ModuleLoader]()
_variant_loaders_key = pytest.StashKey[dict[str, ModuleLoader]]()
VARIANT = "awaitlings_variant"
VARIANT_TASKS = "tasks.txt"


def variant_tasks(config: pytest.Config, variant: str) -> set[int] | None:
    """The tasks a `--variants` submission is graded on (None: all of them)."""
    path = Path(config.getoption("variants")) / variant / VARIANT_TASKS
    if not path.is_file():
        return None
    return {int(x) for x in path.read_text(encoding="utf-8").replace(" ", "").split(",") if x}


def variant_of(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get(VARIANT) if callspec is not None else None


def loader_for(item: pytest.Item) -> ModuleLoader:
    """The loader for this test: its `--variants` submission, or `--target`."""
    config = item.config
    variant = variant_of(item)
    if variant is None:
        return config.stash[_loader_key]
    loaders = config.stash[_variant_loaders_key]
    if variant not in loaders:
        folder = Path(config.getoption("variants")) / variant
        loaders[variant] = ModuleLoader(str(folder), config.stash[_state_key])
    return loaders[variant]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    folder = metafunc.config.getoption("variants")
    if not folder:
        return
    module = Path(str(metafunc.definition.fspath)).stem.removeprefix("test_")
    names = sorted(d.name for d in Path(folder).iterdir() if (d / f"{module}.py").is_file())
    metafunc.fixturenames.append(VARIANT)
    metafunc.parametrize(VARIANT, names, ids=names)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist controller: tell each worker where the shared state folder is."""
    node.workerinput[STATE_KEY] = str(node.config.stash[_state_key])
    if node.config.get_verbosity() <= 0:
        # pytest heads every failure with the worker's "[gw0] linux -- Python 3.x …" line, read
        # from this cache (_pytest.reports.getworkerinfoline): one worker is no news to a student.
        node._workerinfocache = ""


# ---------------------------------------------------------------- collection: exercise and task


def exercise_of(item: pytest.Item) -> Exercise | None:
    name = Path(str(item.fspath)).stem
    if not name.startswith("test_"):
        return None
    return course().by_module(name.removeprefix("test_"))


def task_of(item: pytest.Item) -> int | None:
    marker = item.get_closest_marker("task")
    return int(marker.args[0]) if marker and marker.args else None


def _selected(config: pytest.Config, item: pytest.Item, only_task: int | None) -> bool:
    if exercise_of(item) is None:
        return True
    task = task_of(item)
    if only_task is not None and task != only_task:
        return False
    variant = variant_of(item)
    tasks = variant_tasks(config, variant) if variant is not None else None
    return tasks is None or task in tasks


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    only_task = config.getoption("task")
    if only_task is not None or config.getoption("variants"):
        keep = [i for i in items if _selected(config, i, only_task)]
        dropped = [i for i in items if i not in keep]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = keep
    mapping: dict[str, tuple[str, int, str | None]] = {}
    for item in items:
        ex = exercise_of(item)
        if ex is None:
            continue  # tooling tests and the like: not graded
        task = task_of(item)
        if task is None or task not in {t.id for t in ex.tasks}:
            raise pytest.UsageError(
                f"{item.nodeid}: mark it with @pytest.mark.task(N), N one of "
                f"{[t.id for t in ex.tasks]} from info.toml [{ex.module}]"
            )
        mapping[item.nodeid] = (ex.module, task, variant_of(item))
        item.user_properties.append(("awaitlings_exercise", ex.module))
        item.user_properties.append(("awaitlings_task", task))
        item.user_properties.append(("awaitlings_variant", variant_of(item)))
        try:
            code = inspect.getsource(item.function)  # type: ignore[attr-defined]
        except (OSError, TypeError, AttributeError):
            code = ""
        item.user_properties.append(("awaitlings_code", code))
    _folder(config).write_items(mapping)


# ---------------------------------------------------------------- fixtures


@pytest.fixture
def ex(request: pytest.FixtureRequest) -> Any:
    """The module under test: `<target>/<module>.py` for this test file's exercise."""
    exercise = exercise_of(request.node)
    if exercise is None:
        raise pytest.UsageError(f"{request.node.nodeid}: test file name names no exercise")
    loader = loader_for(request.node)
    module = loader.load(exercise.module)
    tampered = _tamper_file(request.config, loader.package, exercise.module)
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


# ---------------------------------------------------------------- running async tests


def _student_files(config: pytest.Config, item: pytest.Item) -> tuple[str, ...]:
    ex = exercise_of(item)
    if ex is None:
        return ()
    return (str(loader_for(item).file_for(ex.module)),)


def _full_tracebacks(config: pytest.Config) -> bool:
    """`pytest -v` or `--tb=long`: unforeseen errors also show their whole traceback."""
    return config.get_verbosity() > 0 or config.getoption("tbstyle") == "long"


def _run_options(item: pytest.Item) -> RunOptions:
    config = item.config
    limit: float | None = float(config.getini("awaitlings_heartbeat_limit"))
    marker = item.get_closest_marker("heartbeat")
    if marker is not None:
        limit = marker.args[0] if marker.args else None
    return RunOptions(
        virtual=item.get_closest_marker("realtime") is None,
        heartbeat_limit=limit,
        allow_leftover_tasks=item.get_closest_marker("allow_leftover_tasks") is not None,
        watch_paths=_student_files(config, item),
        full_tracebacks=_full_tracebacks(config),
    )


# pytest-asyncio runs every `async def` test (asyncio_mode = auto) on a loop this hook makes: the
# virtual clock unless the test is marked `realtime`. Async fixtures share that loop.
def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> dict[str, Callable[[], Any]]:
    if item.get_closest_marker("realtime") is not None:
        return {"real": RealClockLoop}
    return {"virtual": VirtualClockLoop}


def _checked(item: pytest.Item, test: Callable[..., Any]) -> Callable[..., Any]:
    """The test function pytest-asyncio will run, wrapped in the grader's checks (deadline,
    heartbeat, never-awaited and leftover checks, bounded cleanup: `runner.checked`)."""
    options = _run_options(item)

    @functools.wraps(test)
    async def checked_test(*args: Any, **kwargs: Any) -> None:
        await checked(lambda: test(*args, **kwargs), options)

    return checked_test


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Student code must not end the run, skip its own tests, or patch the clocks."""
    test = getattr(item, "obj", None)
    if isinstance(item, pytest.Function) and inspect.iscoroutinefunction(test):
        item.obj = _checked(item, test)  # pytest-asyncio's runtest() reads item.obj now
    try:
        yield
    except KeyboardInterrupt:
        if _sigint_received:
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
        if isinstance(item, pytest.Function) and inspect.iscoroutinefunction(test):
            item.obj = test
        replaced = guards.check_and_restore()
        rewritten = guards.fakes_changed()
        if replaced or rewritten:
            message = " ".join(
                [
                    *(
                        [
                            f"Your code replaced {', '.join(replaced)}. The grader keeps its own clocks, so "
                            "this cannot make your code look faster; it only breaks other code. Remove it."
                        ]
                        if replaced
                        else []
                    ),
                    *(
                        [
                            f"Your code tried to change the grader's {', '.join(rewritten)}. The services "
                            "the tests hand you are measuring instruments: their settings and records "
                            "cannot be rewritten (the change was ignored). Only call them."
                        ]
                        if rewritten
                        else []
                    ),
                ]
            )
            ex = exercise_of(item)
            if ex is not None:  # every later test of this exercise fails with the same words
                _tamper_file(item.config, loader_for(item).package, ex.module).write_text(message, encoding="utf-8")
            raise Verdict(message)
    return None


def _tamper_file(config: pytest.Config, package: str, module: str) -> Path:
    return _folder(config).tampered(package, module)


def _folder(config: pytest.Config) -> StateFolder:
    return StateFolder(config.stash[_state_key])


# ---------------------------------------------------------------- timeouts


# A function that never returns costs its exercise one full limit: once a test of an exercise
# was stopped, its later tests (a restarted worker) get this much, and say why.
AFTER_A_HANG = 5.0
# While a test runs long, a line this often says where the student's code is (the terminal
# would otherwise stay silent for the whole limit).
PROGRESS_EVERY = 5.0


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_set_timer(item: pytest.Item, settings: Any) -> bool:
    seconds = _timeout_for(item, settings)
    watch = _student_files(item.config, item)
    main_thread = threading.get_ident()
    folder = _folder(item.config)
    ex = exercise_of(item)
    hung = folder.hung(loader_for(item).package, ex.module) if ex is not None else None
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
            folder.crash(item.nodeid).write_text(message, encoding="utf-8")
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


# ---------------------------------------------------------------- reports


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
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
        report.longrepr = explain(
            call.excinfo.value, _student_files(item.config, item), full=_full_tracebacks(item.config)
        )
    return report


def pytest_sessionstart(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):
        _quiet_xdist(session.config)


def _quiet_xdist(config: pytest.Config) -> None:
    """xdist's status lines ("bringing up nodes...", "[gw0] node down: ...") mean nothing to a
    student (a worker restarted after a hang is explained in the test's own message): silence
    them unless pytest runs with -v. Its terminal reporter is an xdist object with no switch for
    it, so its two writers are replaced on that instance; selftest/test_internals.py guards them."""
    reporter = config.pluginmanager.getplugin("terminaldistreporter")
    if reporter is None or config.get_verbosity() > 0:
        return
    for name in ("write_line", "rewrite"):
        if callable(getattr(reporter, name, None)):
            setattr(reporter, name, lambda *args, **kwargs: None)


def collected_results(config: pytest.Config) -> results.Results:
    """The results so far, as the controller's reporter has them."""
    return config.stash[_reporter_key].collected()


__all__ = ["collected_results", "exercise_of", "task_of", "timeout_message"]
