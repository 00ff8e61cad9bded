"""`awaitlings template DIR`: the repository students get (a GitHub Classroom template).

It holds the exercises, tests, grader, manifest and the Classroom workflow, and leaves out what
only instructors need: `solutions/`, the tooling's own tests and wrong answers (`selftest/`),
this repository's CI, and contributor docs. Its README is written for students. The template
is then checked: its grading files match the course's fingerprint, its tests run, and every
exercise starts unsolved.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from awaitlings import results
from awaitlings.classroom import workflow as classroom
from awaitlings.classroom.fingerprint import GRADING_PATHS, NOT_GRADING, fingerprint
from awaitlings.course.generated import readme_table
from awaitlings.grading import grade_tests
from awaitlings.manifest import ROOT, course

INSTRUCTOR_ONLY = (
    "solutions/",
    "selftest/",
    ".ci/",
    ".github/workflows/ci.yml",
    ".pre-commit-config.yaml",
    "docs/writing-exercises.md",
    "docs/grading.md",
    "docs/reliability.md",
    "bench/",
    "docs/regrade",
    *NOT_GRADING,
)

STUDENT_README = """# awaitlings

Small exercises that teach `async`/`await` in Python and FastAPI. Each file in `exercises/`
opens with a short lesson and marks the gap with `TODO`. The tests grade not only your answers
but *how* your code waits: whether calls really run at the same time, whether anything blocked
the event loop, whether a coroutine was never awaited.

## Set up (once)

```sh
python3 -m venv .venv && .venv/bin/pip install -c requirements.lock -e .
source .venv/bin/activate
```

## The loop

```sh
awaitlings watch          # grades the current exercise on every save; h = hint, n = next, q = quit
pytest                    # grade everything and see your progress
awaitlings hint 3         # the next hint for exercise 3
awaitlings list           # every exercise: done, failing or not started
awaitlings reset 3        # start exercise 3 over (asks first)
awaitlings run 3          # see exercise 3 run with your code: timings, JSON (no grading)
```

Edit only the files in `exercises/`. Every push is graded by GitHub Classroom the same way;
the run's summary page shows your points, every failing task's message and the hint command.
Changing the tests does not help: Classroom and your instructor grade with the original ones.

FastAPI exercises run for real too: `uvicorn exercises.ex04_first_route:app --reload`, then
open <http://127.0.0.1:8000/docs>.

## The exercises

{table}
"""


def _tracked_files() -> list[str]:
    proc = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [f for f in proc.stdout.split("\0") if f]


def course_commit(paths: tuple[str, ...] = (*GRADING_PATHS, "exercises", "requirements.lock")) -> str:
    """The course's HEAD commit, which pristine grading checks out; refuses when the files that
    grade differ from it (the template would not match what Classroom grades with)."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", *paths], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    if dirty:
        raise SystemExit(
            "awaitlings: --course-repo grades with the course's committed files, but these differ "
            f"from HEAD; commit (and push) them first:\n{dirty}"
        )
    return head.stdout.strip()


def build(dest: Path, *, course_repo: str | None = None) -> list[str]:
    """Write the template to `dest`. With `course_repo` (owner/name of this course on GitHub, at
    the HEAD commit, which must be pushed there), its workflow grades pristine: see classroom.py."""
    if dest.exists() and any(dest.iterdir()):
        raise SystemExit(f"awaitlings: {dest} exists and is not empty")
    workflow = None
    if course_repo is not None:
        try:
            workflow = classroom.render(course(), course_repo=course_repo, course_ref=course_commit())
        except ValueError as exc:
            raise SystemExit(f"awaitlings: {exc}") from None
    dest.mkdir(parents=True, exist_ok=True)
    copied = []
    for rel in _tracked_files():
        if rel.startswith(INSTRUCTOR_ONLY) or rel == "README.md":
            continue
        src = ROOT / rel
        if not src.is_file():
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / rel)
        copied.append(rel)
    (dest / "README.md").write_text(STUDENT_README.format(table=readme_table(course())), encoding="utf-8")
    if workflow is not None:
        (dest / ".github" / "workflows" / "classroom.yml").write_text(workflow, encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True)
    subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=awaitlings",
            "-c",
            "user.email=awaitlings@localhost",
            "commit",
            "-q",
            "-m",
            "awaitlings: student template",
        ],
        cwd=dest,
        check=True,
    )
    return copied


def check(dest: Path, log: Callable[[str], object] = print) -> list[str]:
    """Problems with a built template (empty: it is fine)."""
    problems = []
    for rel in INSTRUCTOR_ONLY:
        if (dest / rel.rstrip("/")).exists():
            problems.append(f"{rel} must not be in the student template")
    if not (dest / ".github" / "workflows" / "classroom.yml").exists():
        problems.append("the Classroom workflow is missing")
    if fingerprint(dest) != fingerprint(ROOT):
        problems.append("the template's grading files differ from the course's (fingerprint)")
    c = course()
    log("template: grading the template's exercises (every one must start unsolved) ...")
    graded = grade_tests([ex.module for ex in c.exercises], root=dest, limit=1800)
    res: results.Results = graded.results
    for ex in c.exercises:
        ex_res = res.exercise(ex.module)
        if ex_res is None or ex_res.status == "not run":
            problems.append(f"{ex.module}: its tests did not run in the template")
        elif any(t.status == "pass" for t in ex_res.tasks):
            problems.append(f"{ex.module}: starts (partly) solved in the template")
    return problems
