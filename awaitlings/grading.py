"""Grading in a separate process that cannot outlive its time limit.

`grade_tests(...)` runs pytest in a new process group (session) and, when it ends or its time
is up, kills the whole group and every descendant: a hung or hostile submission leaves nothing
behind, and the caller always gets a `Results` (a timeout becomes a failure with a message).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from awaitlings import processes, results
from awaitlings.manifest import ROOT, Course, Exercise, course

# pytest processes of grading runs still going in this process. Runs may overlap (watch mode
# starts the next run before the last one is reaped; the benchmark grades in parallel), and one
# run's clean-up must never kill another run's processes.
_RUNNING: set[int] = set()
_RUNNING_LOCK = threading.Lock()


@dataclass
class Graded:
    results: results.Results
    output: str
    timed_out: bool
    returncode: int


def grade_tests(
    modules: list[str],
    *,
    root: Path = ROOT,
    target: str = "exercises",
    task: int | None = None,
    limit: float = 600,
    results_path: Path | None = None,
    extra: list[str] | None = None,
    course_: Course | None = None,
) -> Graded:
    c = course_ or course()
    tmp = None
    if results_path is None:
        tmp = tempfile.TemporaryDirectory(prefix="awaitlings-grade-")
        results_path = Path(tmp.name) / "results.json"
    results_path.parent.mkdir(parents=True, exist_ok=True)
    if results_path.exists():
        results_path.unlink()
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        *[f"tests/test_{m}.py" for m in modules],
        "--target",
        target,
        "--results-json",
        str(results_path),
        "--no-progress",
        "-p",
        "no:cacheprovider",
        *(["--task", str(task)] if task is not None else []),
        *(extra or []),
    ]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
    processes.become_subreaper()  # orphans of the grading run are re-parented to us, then killed
    already_running = set(processes.descendants())
    with _RUNNING_LOCK:
        proc = subprocess.Popen(
            cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True
        )
        _RUNNING.add(proc.pid)
    timed_out = False
    try:
        output, _ = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(proc, already_running)
        output, _ = proc.communicate()
    finally:
        _kill_group(proc, already_running)
        with _RUNNING_LOCK:
            _RUNNING.discard(proc.pid)
    try:
        if results_path.exists() and not timed_out:
            graded = results.load(results_path)
        else:
            message = (
                f"Grading did not finish within {limit:g} s and was stopped."
                if timed_out
                else "Grading stopped before it could write its results."
            )
            graded = _all_failed(c, modules, task, target, message)
    finally:
        if tmp is not None:
            tmp.cleanup()
    return Graded(graded, output or "", timed_out, proc.returncode if proc.returncode is not None else -9)


def _kill_group(proc: subprocess.Popen[str], spare: set[int]) -> None:
    """Kill the pytest process group and every process that appeared under us since it
    started (`spare`: the caller's own children from before, e.g. a benchmark's load)."""
    victims = processes.descendants(proc.pid) if proc.poll() is None else []
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    # Under the lock: no other run can start between seeing what is whose and killing. One
    # snapshot of the process table for both questions: with two, a process another run started
    # in between (a pool worker of its test) looked like ours, and was killed mid-test.
    with _RUNNING_LOCK:
        table = processes.process_table()
        others: set[int] = set()  # other runs still going, and everything they started
        for pid in _RUNNING - {proc.pid}:
            others.add(pid)
            others.update(processes.descendants(pid, table))
        victims += [p for p in processes.descendants(table=table) if p not in spare and p not in others]
        processes.kill(victims)
    for pid in victims:  # orphans re-parented to us: reap them, or they stay as zombies
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)


def _all_failed(c: Course, modules: list[str], task: int | None, target: str, message: str) -> results.Results:
    tests = []
    for module in modules:
        ex = c.by_module(module)
        if ex is None:
            continue
        for t in ex.tasks:
            if task is None or t.id == task:
                tests.append(
                    results.TestResult(
                        name=f"tests/test_{module}.py::task{t.id}",
                        status="error",
                        message=message,
                        output=None,
                        test_code="",
                        task_id=t.id,
                        exercise=module,
                    )
                )
    return results.build(c, tests, target=target, message=message)


def task_passed(graded: results.Results, ex: Exercise, task: int) -> bool:
    ex_res = graded.exercise(ex.module)
    if ex_res is None:
        return False
    return any(t.id == task and t.status == "pass" for t in ex_res.tasks)
