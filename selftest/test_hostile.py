"""Hostile and broken submissions: each costs only its own exercise, ends within its time
limit, says what happened, and leaves no process behind.

Each case replaces exercise 1 with a hostile module and grades it beside exercise 2's
reference solution, which must still pass. Tests use `--timeout 3` so hangs are quick to prove.
"""

from __future__ import annotations

import asyncio
import shutil
import textwrap
import time

import psutil
import pytest

from awaitlings import processes
from awaitlings.grading import grade_tests
from awaitlings.manifest import ROOT

PER_TEST_TIMEOUT = 3
LIMIT = 90  # seconds for the whole grading run of one case

GOOD_EX01 = (ROOT / "solutions" / "ex01_first_coroutine.py").read_text()

CASES: dict[str, tuple[str, str]] = {
    # name: (module source, words the ex01 failure must contain)
    "infinite_loop_at_import": ("while True:\n    pass\n", "did not finish within"),
    "spin_in_coroutine": (
        GOOD_EX01.replace('return f"Hello, {name}!"', "while True:\n        pass"),
        "did not finish within",
    ),
    "spin_in_unawaited_task": (
        "import asyncio\n"
        + GOOD_EX01.replace(
            'return f"Hello, {name}!"',
            "async def spin():\n        while True:\n            pass\n"
            "    asyncio.get_running_loop().create_task(spin())\n"
            "    await asyncio.sleep(0)\n    return f'Hello, {name}!'",
        ),
        "did not finish within",
    ),
    "event_never_set": (
        "import asyncio\n" + GOOD_EX01.replace('return f"Hello, {name}!"', "await asyncio.Event().wait()"),
        "never finishes",
    ),
    "time_sleep_an_hour": (
        "import time\n" + GOOD_EX01.replace('return f"Hello, {name}!"', "time.sleep(3600)"),
        "did not finish within",
    ),
    "sys_exit_at_import": ("import sys\nsys.exit(0)\n", "sys.exit()"),
    "sys_exit_in_call": (
        "import sys\n" + GOOD_EX01.replace('return f"Hello, {name}!"', "sys.exit(0)"),
        "sys.exit(0)",
    ),
    "os_exit_at_import": ("import os\nos._exit(0)\n", "ended the test process"),
    "os_exit_in_call": (
        "import os\n" + GOOD_EX01.replace('return f"Hello, {name}!"', "os._exit(0)"),
        "ended abruptly",
    ),
    "keyboard_interrupt_at_import": ("raise KeyboardInterrupt\n", "KeyboardInterrupt"),
    "keyboard_interrupt_in_call": (
        GOOD_EX01.replace('return f"Hello, {name}!"', "raise KeyboardInterrupt"),
        "KeyboardInterrupt",
    ),
    "system_exit_in_call": (
        GOOD_EX01.replace('return f"Hello, {name}!"', "raise SystemExit(3)"),
        "sys.exit(3)",
    ),
    "patches_clocks": (
        "import asyncio, time\n"
        "time.monotonic = lambda: 0.0\ntime.perf_counter = lambda: 0.0\n"
        "async def _fast(*a, **k):\n    return None\nasyncio.sleep = _fast\n" + GOOD_EX01,
        "replaced",
    ),
    "patches_loop_time": (
        "import asyncio\n"
        + GOOD_EX01.replace(
            'return f"Hello, {name}!"', "asyncio.get_running_loop().time = lambda: 0.0\n    return f'Hello, {name}!'"
        ),
        "replaced the event loop's `time`",
    ),
    "prints_fake_pass_and_megabytes": (
        "print('=' * 30 + ' 2 passed in 0.01s ' + '=' * 30)\n"
        "print('x' * 5_000_000)\n"
        "def greet(name):\n    print('PASSED ' * 100_000)\n    return 'Hello'\n"
        "def main():\n    return None\n",
        "must be a coroutine function",
    ),
    "reaches_the_internet": (
        "import socket\n"
        + GOOD_EX01.replace(
            'return f"Hello, {name}!"', "socket.create_connection(('203.0.113.7', 80), timeout=30)\n    return 'Hello'"
        ),
        "without a network",
    ),
    "calls_pytest_skip": (
        "import pytest\n" + GOOD_EX01.replace('return f"Hello, {name}!"', "pytest.skip('nothing to see')"),
        "skipped test is not a passed test",
    ),
    "calls_pytest_exit": (
        "import pytest\n" + GOOD_EX01.replace('return f"Hello, {name}!"', "pytest.exit('bye')"),
        "skipped test is not a passed test",
    ),
}


def _processes(*attrs: str) -> list[psutil.Process]:
    """Every live process (zombies are dead), with `attrs` read (None where not allowed)."""
    return [p for p in psutil.process_iter(["status", *attrs]) if p.info["status"] != psutil.STATUS_ZOMBIE]


def _leftovers(marker: str) -> list[int]:
    return [p.pid for p in _processes("cmdline") if marker in " ".join(p.info["cmdline"] or [])]


@pytest.mark.timeout(LIMIT + 30)
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_submission_costs_only_its_exercise(name, tmp_path):
    source, words = CASES[name]
    target = tmp_path / f"hostile_{name}"
    target.mkdir()
    (target / "ex01_first_coroutine.py").write_text(textwrap.dedent(source))
    shutil.copy(ROOT / "solutions" / "ex02_await_dont_block.py", target)
    started = time.monotonic()
    graded = grade_tests(
        ["ex01_first_coroutine", "ex02_await_dont_block"],
        target=str(target),
        limit=LIMIT,
        extra=["--timeout", str(PER_TEST_TIMEOUT)],
    )
    took = time.monotonic() - started
    res = graded.results
    ex1, ex2 = res.exercise("ex01_first_coroutine"), res.exercise("ex02_await_dont_block")
    assert not graded.timed_out, f"grading hung: {graded.output[-2000:]}"
    assert ex2 is not None and ex2.status == "pass", f"the other exercise was affected: {ex2}\n{graded.output[-3000:]}"
    assert ex1 is not None and ex1.points == 0, f"the hostile exercise scored: {ex1}"
    messages = "\n".join(t.message or "" for t in res.tests if t.exercise == "ex01_first_coroutine")
    assert words.lower() in messages.lower(), f"expected {words!r} in:\n{messages}"
    assert took < LIMIT, f"took {took:.0f} s"
    assert not _leftovers(str(target)), "processes were left running"
    assert not processes.descendants(), "child processes were left running"


DAEMON = (
    """
import os, time
if os.fork() == 0:          # the double fork of a daemon: it leaves the process group
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "3117"])
    os._exit(0)
time.sleep(0.2)
"""
    + GOOD_EX01
)


def _sleepers(seconds: str) -> list[int]:
    return [p.pid for p in _processes("cmdline") if (p.info["cmdline"] or [])[:2] == ["sleep", seconds]]


@pytest.mark.timeout(LIMIT + 30)
def test_a_daemon_started_by_student_code_is_killed_and_the_callers_children_are_not(tmp_path):
    import subprocess

    target = tmp_path / "hostile_daemon"
    target.mkdir()
    (target / "ex01_first_coroutine.py").write_text(DAEMON)
    bystander = subprocess.Popen(["sleep", "3118"])  # e.g. a benchmark's load, started before
    try:
        grade_tests(["ex01_first_coroutine"], target=str(target), limit=LIMIT)
        assert bystander.poll() is None, "grading killed a process it did not start"
        assert not _sleepers("3117"), "a daemon started by student code outlived grading"
    finally:
        bystander.kill()
        bystander.wait()


@pytest.mark.timeout(LIMIT + 30)
def test_overlapping_grading_runs_do_not_kill_each_other(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    slow = tmp_path / "slow_import"
    slow.mkdir()
    (slow / "ex01_first_coroutine.py").write_text("import time\ntime.sleep(4)\n" + GOOD_EX01)
    with ThreadPoolExecutor(1) as pool:
        # Watch mode and the benchmark overlap runs: the one that ends first cleans up after
        # itself only, not after the run still going.
        long_run = pool.submit(grade_tests, ["ex01_first_coroutine"], target=str(slow), limit=LIMIT)
        time.sleep(0.5)
        short = grade_tests(["ex01_first_coroutine"], target="solutions", limit=LIMIT)
        long = long_run.result()
    for run in (short, long):
        ex = run.results.exercise("ex01_first_coroutine")
        assert ex is not None and ex.status == "pass", f"{ex}\n{run.output[-3000:]}"


def test_rewriting_a_fake_or_moving_the_virtual_clock_is_refused(tmp_path):
    """Cheats that reach into the grader's objects: the writes are ignored and reported."""
    from awaitlings.engine import guards
    from awaitlings.engine.fakes import SlowAPI
    from awaitlings.engine.runner import RunOptions, run
    from awaitlings.engine.verdicts import Verdict

    api = SlowAPI(delay=0.3)
    api.max_in_flight = 3  # type: ignore[misc]
    api.delay = 0.0  # type: ignore[misc]
    assert api.max_in_flight == 0 and api.delay == 0.3
    assert guards.fakes_changed() == ["HTTP API.max_in_flight", "HTTP API.delay"]
    with pytest.raises(TypeError):
        api.delays["x"] = 0.0  # type: ignore[index]

    async def jump() -> None:
        asyncio.get_running_loop()._advance(1.0)  # type: ignore[attr-defined]

    async def overwrite() -> None:
        asyncio.get_running_loop()._virtual_now += 1.0  # type: ignore[attr-defined]

    for cheat in (jump, overwrite):
        with pytest.raises(Verdict, match="moved the grader's virtual clock"):
            run(cheat, RunOptions(virtual=True))


@pytest.mark.timeout(LIMIT + 30)
def test_a_function_that_never_returns_costs_its_exercise_one_limit(tmp_path):
    """ex06's fetch_all spins: its first test waits the whole limit (with a line every 5 s that
    says where), the later tests that call it get AFTER_A_HANG and say why; dashboard passes."""
    from awaitlings.engine.plugin import AFTER_A_HANG

    target = tmp_path / "never_returns"
    target.mkdir()
    solution = (ROOT / "solutions" / "ex06_gather.py").read_text()
    spin = "\n\nasync def fetch_all(api, ids):  # never returns\n    while True:\n        pass\n"
    (target / "ex06_gather.py").write_text(solution + spin)
    limit = 7
    started = time.monotonic()
    graded = grade_tests(["ex06_gather"], target=str(target), limit=LIMIT, extra=["--timeout", str(limit)])
    took = time.monotonic() - started
    hung = [t for t in graded.results.tests if t.status != "pass"]
    assert len(hung) == 3 and all("fetch_all" in (t.message or "") for t in hung), graded.output[-3000:]
    first, *later = hung
    assert f"within {limit} s" in (first.message or "")
    for test in later:
        assert f"within {AFTER_A_HANG:g} s" in (test.message or "") and "An earlier test of this exercise" in (
            test.message or ""
        ), test.message
    assert "still running after 5 s at" in graded.output and "in fetch_all" in graded.output, graded.output[-3000:]
    assert took < limit + 2 * AFTER_A_HANG + 20, f"took {took:.0f} s"
