"""Wrong answers the course tests must fail: kept in `selftest/wrong/<module>/<case>.py`.

Each file is a complete, plausible but wrong version of an exercise module, with a header:

    # wrong: awaits each fetch before starting the next
    # fails: 2            <- tasks that must fail (comma separated, or "all")
    # says: one after another      <- text the failure message must contain (repeatable)

`grade_all()` grades every wrong answer with the real course tests in one separate pytest
session (`--variants`: each test runs once per wrong answer of its exercise, and only for the
tasks that answer must fail), and `check()` says what, if anything, a case got wrong.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from awaitlings import results
from awaitlings.grading import grade_tests
from awaitlings.manifest import ROOT, Course, course
from awaitlings.pytest_plugin import VARIANT_TASKS

WRONG_DIR = ROOT / "selftest" / "wrong"


@dataclass(frozen=True)
class WrongAnswer:
    module: str
    case: str  # file stem
    path: Path
    description: str
    fails: tuple[int, ...]  # empty: all tasks
    says: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.module}/{self.case}"


def parse(path: Path, module: str, course_: Course) -> WrongAnswer:
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
    return WrongAnswer(module, path.stem, path, description, task_ids, tuple(says))


def discover(course_: Course | None = None) -> list[WrongAnswer]:
    course_ = course_ or course()
    found = []
    if not WRONG_DIR.is_dir():
        return found
    for folder in sorted(p for p in WRONG_DIR.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.py")):
            found.append(parse(path, folder.name, course_))
    return found


def variant_name(index: int, case: WrongAnswer) -> str:
    """A unique, importable package name for one wrong answer."""
    return f"w{index:03d}_{case.module[:4]}_{case.case}"


def grade_all(cases: list[WrongAnswer] | None = None, timeout: float = 3600) -> dict[str, results.Results]:
    """Grade every case in one pytest session (`--variants`): one test per (test, case)."""
    cases = discover() if cases is None else cases
    if not cases:
        return {}
    c = course()
    with tempfile.TemporaryDirectory(prefix="awaitlings-wrong-") as tmp:
        folder = Path(tmp) / "variants"
        names = {}
        for index, case in enumerate(cases):
            name = variant_name(index, case)
            names[name] = case
            (folder / name).mkdir(parents=True)
            shutil.copy(case.path, folder / name / f"{case.module}.py")
            # Only the tasks it must fail: the others' verdicts are not checked, and skipping
            # them roughly halves the time (blocking wrong answers really sleep).
            (folder / name / VARIANT_TASKS).write_text(",".join(map(str, case.fails)), encoding="utf-8")
        out = Path(tmp) / "results.json"
        modules = sorted({case.module for case in cases})
        run = grade_tests(modules, target=str(ROOT / "exercises"), limit=timeout, results_path=out,
                          extra=["--variants", str(folder), "-q"], course_=c)
        if run.timed_out or not out.exists():
            raise RuntimeError(f"grading the wrong answers produced no results:\n{run.output[-6000:]}")
        per_variant = results.by_variant(c, results.load(out))
    graded = {}
    for name, case in names.items():
        graded[case.id] = per_variant.get(name) or results.build(c, [], target=name)
    return graded


def check(case: WrongAnswer, graded: results.Results) -> list[str]:
    """Problems with how the course graded `case` (empty: it failed as it should)."""
    ex = graded.exercise(case.module)
    if ex is None or ex.status == "not run":
        return [f"{case.id}: its tests did not run"]
    problems = []
    for task in ex.tasks:
        if task.id in case.fails and task.status == "pass":
            problems.append(f"{case.id} ({case.description}): task {task.id} passed; it must fail")
    messages = "\n".join(
        t.message or "" for t in graded.tests
        if t.exercise == case.module and t.status != "pass" and t.task_id in case.fails
    )
    for fragment in case.says:
        if fragment.lower() not in messages.lower():
            problems.append(f"{case.id}: no failure message says {fragment!r}; they say:\n{messages[:1500]}")
    return problems
