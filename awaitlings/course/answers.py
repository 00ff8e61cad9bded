"""Kept answers: the wrong ones the course tests must fail, and the right ones they must pass.

`selftest/wrong/<module>/<case>.py` is a complete, plausible but wrong version of an exercise
module, with a header:

    # wrong: awaits each fetch before starting the next
    # fails: 2            <- tasks that must fail (comma separated, or "all")
    # says: one after another      <- text the failure message must contain (repeatable)

`selftest/right/<module>/<case>.py` is a complete, correct answer in another style than
`solutions/` (an APIRouter, a TaskGroup, a class-based iterator, ...), with a header:

    # right: routes on an APIRouter added with include_router(prefix=...)

A right answer must pass every task: a grader that fails a correct answer is the worst kind of
wrong. `grade_all()` grades any mix of cases with the real course tests in one separate pytest
session (`--variants`: each test runs once per case of its exercise; a wrong answer only on
the tasks it must fail), and `check()` says what, if anything, a case got wrong.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from awaitlings import results
from awaitlings.engine.plugin import VARIANT_TASKS
from awaitlings.grading import grade_tests
from awaitlings.manifest import ROOT, Course, course

WRONG_DIR = ROOT / "selftest" / "wrong"
RIGHT_DIR = ROOT / "selftest" / "right"


@dataclass(frozen=True)
class KeptAnswer:
    module: str
    case: str  # file stem
    path: Path
    description: str
    fails: tuple[int, ...]  # the tasks a wrong answer must fail; empty for a right answer
    says: tuple[str, ...]
    right: bool = False  # a correct answer: every task must pass

    @property
    def id(self) -> str:
        return f"{'right' if self.right else 'wrong'}/{self.module}/{self.case}"


def parse(path: Path, module: str, course_: Course) -> KeptAnswer:
    if path.parent.parent == RIGHT_DIR or path.read_text(encoding="utf-8").startswith("# right:"):
        return _parse_right(path, module, course_)
    description, fails, says = "", "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        key, _, value = stripped.lstrip("#").strip().partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "wrong":
            description = value
        elif key == "fails":
            fails = value
        elif key == "says":
            says.append(value)
    if not description or not fails:
        raise ValueError(f"{path}: needs `# wrong: …` and `# fails: …` header lines")
    ex = course_.by_module(module)
    if ex is None:
        raise ValueError(f"{path}: {module} is not in info.toml")
    task_ids = (
        tuple(t.id for t in ex.tasks)
        if fails.lower() == "all"
        else tuple(int(x) for x in fails.replace(" ", "").split(","))
    )
    return KeptAnswer(module, path.stem, path, description, task_ids, tuple(says))


def _parse_right(path: Path, module: str, course_: Course) -> KeptAnswer:
    first = path.read_text(encoding="utf-8").splitlines()[:1]
    key, _, description = first[0].lstrip("#").partition(":") if first else ("", "", "")
    if key.strip().lower() != "right" or not description.strip():
        raise ValueError(f"{path}: a right answer starts with a `# right: <its style>` line")
    if course_.by_module(module) is None:
        raise ValueError(f"{path}: {module} is not in info.toml")
    return KeptAnswer(module, path.stem, path, description.strip(), (), (), right=True)


def _discover_in(folder: Path, course_: Course) -> list[KeptAnswer]:
    if not folder.is_dir():
        return []
    return [
        parse(path, sub.name, course_)
        for sub in sorted(p for p in folder.iterdir() if p.is_dir())
        for path in sorted(sub.glob("*.py"))
    ]


def discover(course_: Course | None = None) -> list[KeptAnswer]:
    """Every wrong answer in selftest/wrong/."""
    return _discover_in(WRONG_DIR, course_ or course())


def discover_right(course_: Course | None = None) -> list[KeptAnswer]:
    """Every alternative correct answer in selftest/right/."""
    return _discover_in(RIGHT_DIR, course_ or course())


def variant_name(index: int, case: KeptAnswer) -> str:
    """A unique, importable package name for one kept answer."""
    return f"{'r' if case.right else 'w'}{index:03d}_{case.module[:4]}_{case.case}"


def grade_all(
    cases: list[KeptAnswer] | None = None, timeout: float = 3600, sessions: int | None = None
) -> dict[str, results.Results]:
    """Grade every case with the real tests, in `sessions` concurrent pytest sessions (default: two
    per core, at most 4), each a `--variants` session with one test per (test, case). Much of the
    time is spent waiting (blocking wrong answers really sleep, servers start), so sessions overlap
    well: 685 answers took 511 s in 1 session, 261 s in 2, 160 s in 4, 130 s in 6 (2 cores). The
    verdicts hold under that load (the reliability benchmark grades in 4 sessions beside 4 busy
    processes)."""
    cases = discover() + discover_right() if cases is None else cases
    if not cases:
        return {}
    sessions = sessions or min(4, 2 * (os.cpu_count() or 1))
    if sessions > 1 and len(cases) > sessions:
        graded: dict[str, results.Results] = {}
        parts = [cases[i::sessions] for i in range(sessions)]  # interleaved: similar mixes of exercises
        with ThreadPoolExecutor(sessions) as pool:
            for part in pool.map(lambda part: _grade_session(part, timeout), parts):
                graded.update(part)
        return graded
    return _grade_session(cases, timeout)


def _grade_session(cases: list[KeptAnswer], timeout: float) -> dict[str, results.Results]:
    c = course()
    with tempfile.TemporaryDirectory(prefix="awaitlings-wrong-") as tmp:
        folder = Path(tmp) / "variants"
        names = {}
        for index, case in enumerate(cases):
            name = variant_name(index, case)
            names[name] = case
            (folder / name).mkdir(parents=True)
            shutil.copy(case.path, folder / name / f"{case.module}.py")
            if not case.right:
                # Only the tasks it must fail: the others' verdicts are not checked, and skipping
                # them roughly halves the time (blocking wrong answers really sleep).
                (folder / name / VARIANT_TASKS).write_text(",".join(map(str, case.fails)), encoding="utf-8")
        out = Path(tmp) / "results.json"
        modules = sorted({case.module for case in cases})
        run = grade_tests(
            modules,
            target=str(ROOT / "exercises"),
            limit=timeout,
            results_path=out,
            extra=["--variants", str(folder), "-q"],
            course_=c,
        )
        if run.timed_out or not out.exists():
            raise RuntimeError(f"grading the kept answers produced no results:\n{run.output[-6000:]}")
        per_variant = results.by_variant(c, results.load(out))
    graded = {}
    for name, case in names.items():
        graded[case.id] = per_variant.get(name) or results.build(c, [], target=name)
    return graded


def check(case: KeptAnswer, graded: results.Results) -> list[str]:
    """Problems with how the course graded `case` (empty: it passed or failed as it should)."""
    ex = graded.exercise(case.module)
    if ex is None or ex.status == "not run":
        return [f"{case.id}: its tests did not run"]
    if case.right:
        failed = [
            f"{case.id} ({case.description}) is correct, yet test {t.name} failed:\n{(t.message or '')[:1500]}"
            for t in graded.tests
            if t.exercise == case.module and t.status != "pass"
        ]
        return failed or [
            f"{case.id} ({case.description}) is correct, yet task {t.id} is {t.status}"
            for t in ex.tasks
            if t.status != "pass"
        ]
    problems = []
    for task in ex.tasks:
        if task.id in case.fails and task.status == "pass":
            problems.append(f"{case.id} ({case.description}): task {task.id} passed; it must fail")
    messages = "\n".join(
        t.message or ""
        for t in graded.tests
        if t.exercise == case.module and t.status != "pass" and t.task_id in case.fails
    )
    for test in graded.tests:
        if test.exercise == case.module and test.status != "pass" and test.task_id in case.fails:
            problems.extend(f"{case.id}: {test.name}: {p}" for p in message_problems(test.message or ""))
    for fragment in case.says:
        if fragment.lower() not in messages.lower():
            problems.append(f"{case.id}: no failure message says {fragment!r}; they say:\n{messages[:1500]}")
    return problems


# What a student must never have to read: the grader's machinery instead of their own code.
INTERNAL_MARKERS = ("Traceback (most recent call last)", "/_pytest/", "/pluggy/", "/xdist/", "site-packages")
MAX_MESSAGE_LINES = 30


def message_problems(message: str) -> list[str]:
    """What is wrong with a failure message as a student reads it (empty: nothing)."""
    problems = [f"the message shows {marker!r}" for marker in INTERNAL_MARKERS if marker in message]
    lines = message.count("\n") + 1
    if lines > MAX_MESSAGE_LINES:
        problems.append(f"the message has {lines} lines (at most {MAX_MESSAGE_LINES})")
    return problems
