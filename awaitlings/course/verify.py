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


def lint_problems() -> list[str]:
    """ruff over the repository, actionlint over the workflows and mypy --strict over the grader
    (the dev extra installs all three)."""
    problems = []
    bindir = Path(sys.executable).parent
    for name, cmd in (
        ("ruff", [str(bindir / "ruff"), "check", "--quiet", "."]),
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
    proc = subprocess.run([sys.executable, "-m", "pytest", "selftest", "-q", "--no-progress"],
                          cwd=ROOT, capture_output=True, text=True, timeout=3600)
    tail = "\n".join(proc.stdout.strip().splitlines()[-25:])
    return proc.returncode == 0, tail


def verify(*, selftest: bool = True, out: Callable[[str], object] = print) -> int:
    started = time.monotonic()
    c = course()
    rows = [Row(ex, problems=static_problems(c, ex)) for ex in c.exercises]
    for case in discover(c):
        row = next(r for r in rows if r.ex.module == case.module)
        row.wrong += 1
    for case in discover_right(c):
        next(r for r in rows if r.ex.module == case.module).right += 1
    testable = [r.ex.module for r in rows if (ROOT / r.ex.test_file).exists()]
    general: list[str] = []
    with tempfile.TemporaryDirectory(prefix="awaitlings-verify-") as tmp:
        out("verify: grading solutions/ ...")
        sol = grade("solutions", testable, Path(tmp) / "solutions.json")
        out("verify: grading exercises/ (every task must fail) ...")
        stub = grade("exercises", testable, Path(tmp) / "exercises.json")
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
                        msg = next((x.message for x in sol.tests if x.exercise == row.ex.module
                                    and x.task_id == t.id and x.status != "pass"), "")
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
    general.extend(lint_problems())
    selftest_ok, selftest_tail = (True, "skipped")
    if selftest:
        out("verify: running the tooling's own tests (selftest/, wrong answers included) ...")
        selftest_ok, selftest_tail = run_selftest()
        if not selftest_ok:
            general.append("the tooling's own tests failed:\n" + selftest_tail)
    out("")
    out(f"{'#':>2}  {'exercise':<28} {'pts':>3} {'tasks':>5}  {'solution':<8} {'stub':<10} "
        f"{'wrong':>5} {'right':>5} {'hints':>5}  problems")
    for row in rows:
        ex = row.ex
        out(f"{ex.number:>2}  {ex.module:<28} {ex.points:>3} {len(ex.tasks):>5}  {row.solution:<8} "
            f"{row.stub:<10} {row.wrong:>5} {row.right:>5} {len(ex.hints):>5}  {len(row.problems) or ''}")
    problems = [f"{r.ex.module}: {p}" for r in rows for p in r.problems] + general
    out("")
    last_line = selftest_tail.strip().splitlines()[-1] if selftest_tail.strip() else ""
    out(f"course: {len(c.exercises)} exercises, {c.points} points; "
        f"selftest: {'pass' if selftest_ok else 'FAIL'} ({last_line})")
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
