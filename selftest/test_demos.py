"""The demos (`awaitlings run N`, `python exercises/exNN_*.py`): every exercise has one, it shows
what the code does on the solution and on the stub, and it never ends in a traceback or hangs."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys
import time
from types import ModuleType
from typing import Any

import pytest

from awaitlings.engine.targets import ModuleLoader
from awaitlings.manifest import ROOT, Exercise, course
from awaitlings.student import cli, demos

pytestmark = pytest.mark.timeout(120)

EXERCISES = course().exercises

# What each demo shows with the reference solution, and with the stub as shipped.
ON_SOLUTION = {
    "ex01_first_coroutine": "Awaited, it gives 'Hello, Ada!'",
    "ex02_await_dont_block": "0.5 s and 0.2 s took 0.5",
    "ex03_forgotten_await": "returned 2.5 after 0.2",
    "ex04_first_route": 'GET /ping -> 200 {"message":"pong"}',
    "ex05_await_needs_async": "gives 'Welcome back, Ada!'",
    "ex06_gather": "3 fetches of 0.3 s took 0.3",
    "ex07_tasks_and_groups": "k1 cancelled, k2 failed, k3 cancelled",
    "ex08_as_completed": "gives 'HTTP API:us' after 0.1",
    "ex09_timeouts": "and poll ended cancelled",
    "ex10_semaphore": "at most 3 in flight",
    "ex11_to_thread": "client.get ran in the worker thread",
    "ex12_cpu_bound": "in a worker process",
    "ex13_queues": "7 of 7 jobs done in 0.6",
    "ex14_async_iteration": "the server saw 1 connect(s) and 1 close(s)",
    "ex15_def_or_async_def": "awaited on the app's own event loop",
    "ex16_fan_out": 'GET /dashboard -> 200 {"weather":{"sky":"clear","celsius":21},"news"',
    "ex17_lifespan": "1 httpx.AsyncClient made, 1 of them closed by the end; 3 connection(s) lent from the pool, "
    "3 given back",
    "ex18_deadlines": "GET /forecast/oslo -> 504",
    "ex19_background_tasks": "'Thank you for your order: teapot.' at 0.3",
    "ex20_streaming": "'UMBRELLA: 99.0\\n'",
    "ex21_async_database": 'POST /notes {"text": "buy milk"} -> 201 {"id":1,"text":"buy milk"}',
    "ex22_status_aggregator": '{"auth":"ok","billing":"down","search":"timeout","email":"ok"}',
}
ON_STUB = {
    "ex01_first_coroutine": "main() is not written yet (NotImplementedError): that is your TODO.",
    "ex02_await_dont_block": "ticked 0 times meanwhile: the event loop was blocked",
    "ex03_forgotten_await": "Python warned: coroutine 'SlowDatabase.save' was never awaited",
    "ex04_first_route": "The app has no /ping route yet: that is your TODO.",
    "ex05_await_needs_async": "cannot be imported: SyntaxError at line",
    "ex06_gather": "3 fetches of 0.3 s took 0.9",
    "ex07_tasks_and_groups": "the caller never heard of the error",
    "ex08_as_completed": "eu done, us done, asia done",
    "ex09_timeouts": "log is ['open big.zip']",
    "ex10_semaphore": "raised ServiceError: HTTP API: too many requests",
    "ex11_to_thread": "client.get ran on the event loop's own thread",
    "ex12_cpu_bound": "still to mark: a, b, c, d, e, f",
    "ex13_queues": "0 of 7 jobs done",
    "ex14_async_iteration": "not an async iterator: it is not written yet",
    "ex15_def_or_async_def": "other event loop(s), not the app's own",
    "ex16_fan_out": "The answer has no news, stocks yet.",
    "ex17_lifespan": "3 connection(s) lent from the pool, 0 given back",
    "ex18_deadlines": '-> 501 {"detail":"forecast is not written yet"}',
    "ex19_background_tasks": "never sent",
    "ex20_streaming": "(application/json)",
    "ex21_async_database": "-> 201 null",
    "ex22_status_aggregator": "GET /status -> 200 {}",
}


def footer(ex: Exercise) -> str:
    name = ex.exercise_file.split("/")[-1]
    return (
        f'\n\nif __name__ == "__main__":  # `python exercises/{name}` shows what your code does\n'
        "    from awaitlings.student.demos import demo\n"
        "    demo(__file__)\n"
    )


def show(
    ex: Exercise, load: Any, capsys: pytest.CaptureFixture[str], *, limit: float | None = None
) -> tuple[str, float, bool]:
    start = time.monotonic()
    finished = demos.show(ex, load, f"somewhere/{ex.module}.py", limit=limit)
    return capsys.readouterr().out, time.monotonic() - start, finished


def expect_plain(out: str, ex: Exercise) -> None:
    assert "Traceback" not in out, out
    assert out.rstrip().endswith(f"Grade it: `pytest {ex.exercise_file}` (or `awaitlings watch`)"), out
    assert "PASS" not in out and "FAIL" not in out and "points" not in out, out  # a demo never grades


def test_every_exercise_has_a_demo_and_an_expectation():
    modules = {ex.module for ex in EXERCISES}
    assert set(demos.DEMOS) == modules
    assert set(ON_SOLUTION) == set(ON_STUB) == modules


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.short)
def test_exercise_and_solution_end_with_the_same_footer(ex):
    for rel in (ex.exercise_file, ex.solution_file):
        text = (ROOT / rel).read_text(encoding="utf-8")
        assert text.endswith(footer(ex)), f"{rel} does not end with the demo footer"
        assert text.count('if __name__ == "__main__"') == 1, rel


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.short)
def test_the_demo_shows_the_solution_at_work(ex, capsys):
    loader = ModuleLoader("solutions")
    out, took, finished = show(ex, lambda: loader.load(ex.module), capsys)
    assert finished
    expect_plain(out, ex)
    assert ON_SOLUTION[ex.module] in out, out
    for sign in ("not written yet", "raised", "did not finish", "gave up", "cannot be"):
        assert sign not in out, out
    assert took < 5, f"the demo took {took:.1f} s:\n{out}"


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.short)
def test_the_demo_shows_the_stub_without_a_traceback(ex, capsys):
    loader = ModuleLoader("exercises")
    out, took, finished = show(ex, lambda: loader.load(ex.module), capsys)
    assert finished
    expect_plain(out, ex)
    assert ON_STUB[ex.module] in out, out
    assert took < 5, f"the demo took {took:.1f} s:\n{out}"


def _not_written(ex: Exercise) -> ModuleType:
    """The solution's module with every function of its own replaced by one that raises
    NotImplementedError, as a stub's TODO does."""
    solution = ModuleLoader("solutions").load(ex.module)
    module = ModuleType(f"not_written_{ex.module}")
    for name, value in vars(solution).items():
        if inspect.isfunction(value) and value.__module__ == solution.__name__:
            if inspect.iscoroutinefunction(value) or inspect.isasyncgenfunction(value):

                async def todo(*args: Any, **kwargs: Any) -> Any:
                    raise NotImplementedError
            else:

                def todo(*args: Any, **kwargs: Any) -> Any:
                    raise NotImplementedError

            setattr(module, name, todo)
        else:
            setattr(module, name, value)
    return module


# The exercises of plain functions (not FastAPI apps, whose routes hold the original functions).
PLAIN = [ex for ex in EXERCISES if "app =" not in (ROOT / ex.solution_file).read_text(encoding="utf-8")]


@pytest.mark.parametrize("ex", PLAIN, ids=lambda ex: ex.short)
def test_a_function_not_written_yet_is_one_plain_sentence(ex, capsys):
    out, _, finished = show(ex, lambda: _not_written(ex), capsys)
    assert finished
    expect_plain(out, ex)
    assert "not written yet" in out, out


def test_a_coroutine_that_never_returns_is_given_up_on(capsys, monkeypatch):
    monkeypatch.setattr(demos, "CALL_LIMIT", 0.5)
    module = ModuleType("hanging")

    async def forever(*args: Any) -> None:
        await asyncio.Event().wait()

    module.fetch_all = module.dashboard = forever
    ex = course().find(6)
    out, took, finished = show(ex, lambda: module, capsys)
    assert finished
    expect_plain(out, ex)
    assert out.count("did not finish within 0.5 s, so the demo stopped waiting for it") == 2, out
    assert took < 3


def test_code_that_blocks_the_loop_forever_is_left_behind(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "ex06_gather.py").write_text(
        "import time\n\n\nasync def fetch_all(api, ids):\n    time.sleep(60)\n\n\n"
        "async def dashboard(api):\n    time.sleep(60)\n"
    )
    code = (
        f"from awaitlings.student import demos; demos.DEMO_LIMIT = 1.5; demos.demo({str(folder / 'ex06_gather.py')!r})"
    )
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert time.monotonic() - start < 15
    assert proc.returncode == 1
    assert "The demo gave up after 1.5 s: your code is still running" in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_running_an_exercise_file_shows_its_demo():
    proc = subprocess.run(
        [sys.executable, "exercises/ex06_gather.py"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.startswith("ex06 Run waits together: a demo with exercises/ex06_gather.py")
    assert "3 fetches of 0.3 s took" in proc.stdout
    assert proc.stdout.rstrip().endswith("Grade it: `pytest exercises/ex06_gather.py` (or `awaitlings watch`)")


def test_awaitlings_run_takes_an_exercise_or_the_current_one(capsys):
    args = cli.build_parser().parse_args(["run"])
    assert args.exercise is None and args.func.__name__ == "cmd_run"
    assert cli.main(["run", "ex01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ex01 Your first coroutine: a demo with exercises/ex01_first_coroutine.py")
    assert "Grade it: `pytest exercises/ex01_first_coroutine.py`" in out
