"""`awaitlings verify`: the instructor's and CI's proof that the course is sound.

- manifest, exercise files, solutions and tests agree; each stub has a `TODO`; each exercise
  has at least two hints and no placeholder;
- every solution passes every test, and every task has at least one test;
- every stub fails every task (not only one test of it);
- generated files (the Classroom workflow, README tables) match the manifest;
- the tooling's own tests pass, including every wrong answer in `selftest/wrong/` (each must
  fail) and every alternative correct answer in `selftest/right/` (each must pass every task).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from awaitlings import results
from awaitlings.classroom.lock import lock_mismatches
from awaitlings.course.answers import discover, discover_right
from awaitlings.grading import grade_tests
from awaitlings.manifest import ROOT, Course, Exercise, course


@dataclass
class Row:
    ex: Exercise
    solution: str = "?"
    stub: str = "?"
    wrong: int = 0
    right: int = 0
    problems: list[str] = field(default_factory=list)


def static_problems(c: Course, ex: Exercise) -> list[str]:
    problems = []
    for label, rel in (("exercise", ex.exercise_file), ("solution", ex.solution_file), ("test", ex.test_file)):
        if not (ROOT / rel).exists():
            problems.append(f"{label} file {rel} is missing")
    stub = ROOT / ex.exercise_file
    if stub.exists() and "TODO" not in stub.read_text(encoding="utf-8"):
        problems.append(f"{ex.exercise_file} has no TODO marking the gap")
    solution = ROOT / ex.solution_file
    if stub.exists() and solution.exists() and _code(stub) == _code(solution):
        problems.append(f"{ex.exercise_file} is the same as its solution (already solved)")
    if len(ex.hints) < 2:
        problems.append(f"[{ex.module}] needs at least 2 hints in info.toml (has {len(ex.hints)})")
    if any("PLACEHOLDER" in t.title for t in ex.tasks):
        problems.append(f"[{ex.module}] is a placeholder in info.toml")
    return problems


def _code(path: Path) -> str:
    """The file without blank lines, comments and the module docstring's wording."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            lines.append(stripped)
    return "\n".join(lines[1:])


def grade(target: str, modules: list[str], out: Path) -> results.Results | str:
    run = grade_tests(modules, target=target, limit=1800, results_path=out, extra=["-q"])
    if run.timed_out or not out.exists():
        return f"pytest --target {target} wrote no results:\n{run.output[-4000:]}"
    return results.load(out)


class _Phases:
    """Prints each phase as it starts and ends, with the time it took (verify runs for minutes)."""

    def __init__(self, out: Callable[[str], object], started: float) -> None:
        self.out, self.started, self.number, self.since = out, started, 0, started

    def begin(self, what: str) -> None:
        self.number += 1
        self.since = time.monotonic()
        self.out(f"verify: [{self.number}] {what} ...")

    def end(self, summary: str) -> None:
        now = time.monotonic()
        self.out(
            f"verify: [{self.number}] done in {now - self.since:.0f} s: {summary} (total {now - self.started:.0f} s)"
        )


def _pass_count(res: results.Results | str) -> str:
    if isinstance(res, str):
        return "wrote no results"
    passed = sum(1 for t in res.tests if t.status == "pass")
    return f"{passed}/{len(res.tests)} tests pass"


def lint_problems() -> list[str]:
    """ruff (lint and format check) over the repository, actionlint over the workflows and mypy
    --strict over the grader (the dev extra installs all three)."""
    problems = []
    bindir = Path(sys.executable).parent
    for name, cmd in (
        ("ruff", [str(bindir / "ruff"), "check", "--quiet", "."]),
        ("ruff format", [str(bindir / "ruff"), "format", "--check", "--quiet", "."]),
        ("actionlint", [str(bindir / "actionlint"), *sorted(str(p) for p in ROOT.glob(".github/workflows/*.yml"))]),
        ("mypy", [str(bindir / "mypy"), "--strict", "awaitlings"]),
    ):
        if not Path(cmd[0]).exists():
            problems.append(f"{name} is not installed: pip install -e '.[dev]'")
            continue
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            problems.append(f"{name} found problems:\n{(proc.stdout + proc.stderr).strip()[-3000:]}")
    return problems


def run_selftest() -> tuple[bool, str]:
    # Three workers, a test file each at a time: the kept answers (graded in sessions of their own)
    # run beside the hostile cases, which mostly wait for their limits.
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "selftest", "-q", "--no-progress", "-n", "3", "--dist", "loadfile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    tail = "\n".join(proc.stdout.strip().splitlines()[-25:])
    return proc.returncode == 0, tail


def verify(*, selftest: bool = True, out: Callable[[str], object] = print) -> int:
    started = time.monotonic()
    c = course()
    rows = [Row(ex, problems=static_problems(c, ex)) for ex in c.exercises]
    wrong_cases, right_cases = discover(c), discover_right(c)
    for case in wrong_cases:
        next(r for r in rows if r.ex.module == case.module).wrong += 1
    for case in right_cases:
        next(r for r in rows if r.ex.module == case.module).right += 1
    wrong_count, right_count = len(wrong_cases), len(right_cases)
    testable = [r.ex.module for r in rows if (ROOT / r.ex.test_file).exists()]
    general: list[str] = []
    phase = _Phases(out, started)
    with tempfile.TemporaryDirectory(prefix="awaitlings-verify-") as tmp, ThreadPoolExecutor(3) as pool:
        # Solutions and stubs are graded in two sessions side by side (the solutions must pass on a
        # loaded machine anyway), with the linters alongside.
        phase.begin("grading solutions/ (each must pass) and exercises/ (each task must fail); ruff, mypy, actionlint")
        sol_f = pool.submit(grade, "solutions", testable, Path(tmp) / "solutions.json")
        stub_f = pool.submit(grade, "exercises", testable, Path(tmp) / "exercises.json")
        lint_f = pool.submit(lint_problems)
        sol, stub, lint = sol_f.result(), stub_f.result(), lint_f.result()
        phase.end(
            f"solutions {_pass_count(sol)}, exercises {_pass_count(stub)}, lint "
            + ("clean" if not lint else f"{len(lint)} problem(s)")
        )
    for res in (sol, stub):
        if isinstance(res, str):
            general.append(res)
    for row in rows:
        if isinstance(sol, results.Results):
            ex_res = sol.exercise(row.ex.module)
            if ex_res is not None and ex_res.status != "not run":
                failing = [t for t in ex_res.tasks if t.status != "pass"]
                untested = [t for t in ex_res.tasks if t.tests == 0]
                row.solution = "pass" if not failing else "FAIL"
                for t in untested:
                    row.problems.append(f"task {t.id} has no tests")
                for t in failing:
                    if t.tests:
                        msg = next(
                            (
                                x.message
                                for x in sol.tests
                                if x.exercise == row.ex.module and x.task_id == t.id and x.status != "pass"
                            ),
                            "",
                        )
                        row.problems.append(f"solution fails task {t.id}: {(msg or '')[:300]}")
        if isinstance(stub, results.Results):
            ex_res = stub.exercise(row.ex.module)
            if ex_res is not None and ex_res.status != "not run":
                solved = [t for t in ex_res.tasks if t.status == "pass"]
                row.stub = "fails all" if not solved else "SOLVED " + ",".join(str(t.id) for t in solved)
                for t in solved:
                    row.problems.append(f"the stub already passes task {t.id} ({t.title})")
        if row.wrong == 0:
            row.problems.append(f"no wrong answers in selftest/wrong/{row.ex.module}/")
        if row.right < 4:
            row.problems.append(f"fewer than 4 alternative correct answers in selftest/right/{row.ex.module}/")
    from awaitlings.course import generated

    general.extend(generated.drift())
    if (ROOT / "requirements.lock").is_file():
        general.extend(f"requirements.lock: {p}" for p in lock_mismatches())
    else:
        general.append("requirements.lock is missing: `python -m awaitlings.classroom.lock --write-lock` writes it")
    general.extend(lint)
    selftest_ok, selftest_tail = (True, "skipped")
    if selftest:
        phase.begin(f"the tooling's own tests: selftest/, {right_count} right and {wrong_count} wrong kept answers")
        selftest_ok, selftest_tail = run_selftest()
        phase.end(selftest_tail.strip().splitlines()[-1] if selftest_tail.strip() else "")
        if not selftest_ok:
            general.append("the tooling's own tests failed:\n" + selftest_tail)
    out("")
    out(
        f"{'#':>2}  {'exercise':<28} {'pts':>3} {'tasks':>5}  {'solution':<8} {'stub':<10} "
        f"{'wrong':>5} {'right':>5} {'hints':>5}  problems"
    )
    for row in rows:
        ex = row.ex
        out(
            f"{ex.number:>2}  {ex.module:<28} {ex.points:>3} {len(ex.tasks):>5}  {row.solution:<8} "
            f"{row.stub:<10} {row.wrong:>5} {row.right:>5} {len(ex.hints):>5}  {len(row.problems) or ''}"
        )
    problems = [f"{r.ex.module}: {p}" for r in rows for p in r.problems] + general
    out("")
    last_line = selftest_tail.strip().splitlines()[-1] if selftest_tail.strip() else ""
    out(
        f"course: {len(c.exercises)} exercises, {c.points} points; "
        f"selftest: {'pass' if selftest_ok else 'FAIL'} ({last_line})"
    )
    # Checks: per exercise files, solution, stub and wrong answers; then drift, lint, selftest.
    checks = len(rows) * 4 + 3
    failed = min(len(problems), checks)
    if problems:
        out(f"\n{len(problems)} problem(s):")
        for p in problems:
            out(f"  - {p}")
        out(f"\nverify: FAILED in {time.monotonic() - started:.0f} s")
    else:
        out(f"verify: OK in {time.monotonic() - started:.0f} s")
    out(f"verify: {checks - failed} passed, {failed} failed")
    return 1 if problems else 0
