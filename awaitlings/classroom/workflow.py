"""GitHub Classroom: the generated workflow, and the one grading pass it runs.

The workflow (`awaitlings generate`, or `awaitlings template --course-repo`) follows what
Classroom relies on, checked against the real classroom-resources actions' code: workflow
`Autograding Tests`, one job `run-autograding-tests` skipped for the Classroom bot, and the
grading reporter, whose `Points X/Y` notice Classroom reads.

One step grades the whole course in **one pytest session** (`awaitlings grade --classroom`: per-
test worker isolation, worker restarts, per-test time limits, all in one process group that is
killed when the step's own limit is up). It then writes one reporter result per *task* as a
step output (`ex01t1`, ...). One runner per task is what the reporter's contract needs for
exact points: it adds up each test's `score` for Classroom's notice, but prints (passed tests /
tests) x max_score per runner in its log, which only equals the points when a runner's tests
are worth the same. The same step writes the job summary.

Two modes:

- **pristine** (`course_repo` set): the workflow checks out the course repository at a fixed
  commit into `.awaitlings-course/` and grades only the student's `exercises/*.py` there, with
  the course's tests, grader, conftest and configuration. Edits to those files in the student's
  repository change no points (they are listed in the summary as ignored).
- **in-repo** (default, e.g. this repository's own copy of the workflow): grades the student's
  checkout as it is and flags changed grading files (fingerprint, and the names of changed files
  against the repository's first commit, the template).

The workflow itself can be edited by a student in either mode: Classroom's number is
provisional, `awaitlings regrade` is the grade of record (and flags edits to `.github/`).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import math
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from awaitlings.classroom.fingerprint import GRADING_PATHS, fingerprint, per_file
from awaitlings.manifest import ROOT, Course, Exercise, Task, course
from awaitlings.results import Results

WORKFLOW = ROOT / ".github" / "workflows" / "classroom.yml"
PYTHON = "3.12"  # not 3.11.0-3.11.7 / 3.12.0-3.12.1 (gh-106905); setup-python picks the newest 3.12.x
COURSE_DIR = ".awaitlings-course"
TOKEN_SECRET = "AWAITLINGS_COURSE_TOKEN"
CHECKOUT = "actions/checkout@v7"
SETUP_PYTHON = "actions/setup-python@v7"
REPORTER = "classroom-resources/autograding-grading-reporter@v1"
# What a course copy needs to grade (the stubs come along so a missing student file fails).
COURSE_FILES = (*GRADING_PATHS, "exercises")
# Per test beyond its own time limit when it hangs: killing and restarting the worker process
# (measured about 1-2 s on a 2-core runner; 3 s of margin).
RESTART_SECONDS = 3
# Installing from the lock with a warm pip cache, checkouts and set-up: minutes of margin.
SETUP_MINUTES = 8


# ---------------------------------------------------------------- runners and limits


def runner_id(ex: Exercise, task: Task) -> str:
    """The reporter's runner name for one task: letters and digits only (its own pattern)."""
    return f"{ex.short}t{task.id}"


def runners(c: Course) -> list[str]:
    return [runner_id(ex, t) for ex in c.exercises for t in ex.tasks]


def test_count(c: Course, ex: Exercise, root: Path = ROOT) -> int:
    """Tests in an exercise's test file: one per test function, one per case of a literal
    `pytest.mark.parametrize` list."""
    path = root / "tests" / f"test_{ex.module}.py"
    if not path.exists():
        return 0
    count = 0
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_"):
            cases = 1
            for deco in node.decorator_list:
                if (
                    isinstance(deco, ast.Call)
                    and ast.unparse(deco.func).endswith("parametrize")
                    and len(deco.args) >= 2
                    and isinstance(deco.args[1], ast.List | ast.Tuple)
                ):
                    cases *= max(1, len(deco.args[1].elts))
            count += cases
    return count


def worst_case_seconds(c: Course, root: Path = ROOT) -> int:
    """Grading time when every test hangs until its limit (the longest a pass can take)."""
    total = sum(test_count(c, ex, root) * (c.timeout_for(ex) + RESTART_SECONDS) for ex in c.exercises)
    return int(math.ceil(total / 60) * 60)


def grade_limit(c: Course) -> int:
    """The one pass's own limit: the worst case plus a quarter (load, slower runners)."""
    return int(math.ceil(worst_case_seconds(c) * 1.25 / 60) * 60)


def job_timeout_minutes(c: Course) -> int:
    return grade_limit(c) // 60 + SETUP_MINUTES


# ---------------------------------------------------------------- the workflow


def render(c: Course, *, course_repo: str | None = None, course_ref: str | None = None) -> str:
    """The workflow. With `course_repo` (owner/name) and `course_ref` (a commit), pristine mode."""
    pristine = course_repo is not None
    if pristine and not (course_ref and re.fullmatch(r"[0-9a-f]{40}", course_ref)):
        raise ValueError("pristine grading needs the course's full 40-hex commit hash")
    if pristine and not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", course_repo or ""):
        raise ValueError(f"--course-repo must be owner/name, not {course_repo!r}")
    limit = grade_limit(c)
    lock = f"{COURSE_DIR}/requirements.lock" if pristine else "requirements.lock"
    lines = [
        "# Generated from info.toml by `awaitlings generate` (or `awaitlings template`). Do not edit by",
        "# hand: `awaitlings verify` fails when this file and the manifest disagree.",
        "name: Autograding Tests",
        "on:",
        "  push:",
        "  repository_dispatch:",
        "  workflow_dispatch:",
        "# The reporter only prints and writes annotations: reading the repository is all it needs.",
        "permissions:",
        "  contents: read",
        "# A newer push to the same branch cancels a run still grading an older one.",
        "concurrency:",
        "  group: autograding-${{ github.ref }}",
        "  cancel-in-progress: true",
        "jobs:",
        "  run-autograding-tests:",
        "    runs-on: ubuntu-latest",
        "    if: github.actor != 'github-classroom[bot]'",
        f"    # Every test hanging until its limit: {worst_case_seconds(c)} s; the grading step stops at {limit} s",
        "    # and still reports, well before the job's own limit.",
        f"    timeout-minutes: {job_timeout_minutes(c)}",
        "    steps:",
        "      - name: Checkout code",
        f"        uses: {CHECKOUT}",
        "        with:",
        "          persist-credentials: false",
    ]
    if not pristine:
        lines += ["          fetch-depth: 0  # the first commit (the template) names changed grading files"]
    if pristine:
        lines += [
            f"      - name: Check out the course's grading files ({course_repo} at {course_ref[:12]})",  # type: ignore[index]
            f"        uses: {CHECKOUT}",
            "        with:",
            f"          repository: {course_repo}",
            f"          ref: {course_ref}",
            f"          path: {COURSE_DIR}",
            f"          # A private course repository needs a read-only token in the secret {TOKEN_SECRET}",
            "          # (see the README's instructor guide); a public one needs nothing.",
            f"          token: ${{{{ secrets.{TOKEN_SECRET} || github.token }}}}",
            "          persist-credentials: false",
        ]
    lines += [
        "      - name: Set up Python",
        f"        uses: {SETUP_PYTHON}",
        "        with:",
        f"          python-version: '{PYTHON}'",
        "          cache: pip",
        f"          cache-dependency-path: {lock}",
        "      - name: Install the pinned dependencies",
        f"        run: python -m pip install --disable-pip-version-check -q -r {lock}",
        "      - name: Grade every exercise in one pass",
        "        id: grade",
    ]
    common = f'--limit {limit} --github-output "$GITHUB_OUTPUT" --summary "$GITHUB_STEP_SUMMARY"'
    if pristine:
        lines += [
            f"        working-directory: {COURSE_DIR}",
            "        run: |",
            "          # Only the student's exercises/*.py are taken; nothing of the course that is not",
            "          # needed to grade stays reachable from their code.",
            "          rm -rf solutions selftest bench .ci .git",
            f'          python -m awaitlings grade --classroom --student "$GITHUB_WORKSPACE" {common}',
        ]
    else:
        lines += [
            f"        run: python -m awaitlings grade --classroom --expect {fingerprint()} {common}",
        ]
    ids = runners(c)
    lines += [
        "      - name: Autograding Reporter",
        f"        uses: {REPORTER}",
        "        env:",
    ]
    lines += [f"          {rid.upper()}_RESULTS: ${{{{ steps.grade.outputs.{rid} }}}}" for rid in ids]
    lines += [
        "        with:",
        f"          runners: {','.join(ids)}",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- one grading pass


def stub_digest(data: bytes) -> str:
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


def reporter_results(c: Course, res: Results) -> dict[str, str]:
    """Runner id -> base64 JSON in the command grader's format (one test, the task's points)."""
    out = {}
    for ex in c.exercises:
        e = res.exercise(ex.module)
        for task in ex.tasks:
            t = next((t for t in e.tasks if t.id == task.id), None) if e else None
            passed = t is not None and t.status == "pass"
            first = next(
                (
                    x.message
                    for x in res.tests
                    if x.exercise == ex.module and x.task_id == task.id and x.status != "pass"
                ),
                None,
            )
            status = "pass" if passed else "fail"
            message = "" if passed else (first or "not graded")
            result = {
                "version": 1,
                "status": status,
                "max_score": task.points,
                "tests": [
                    {
                        "name": f"{ex.short} {ex.title} — task {task.id}: {task.title}",
                        "status": status,
                        "score": task.points if passed else 0,
                        "message": message,
                        "test_code": "",
                        "filename": "",
                        "line_no": 0,
                        "duration": 0,
                    }
                ],
            }
            out[runner_id(ex, task)] = base64.b64encode(json.dumps(result).encode()).decode()
    return out


@dataclass
class ClassroomRun:
    results: Results
    tampered: list[str] = field(default_factory=list)
    tamper_flag: bool = False
    not_started: set[str] = field(default_factory=set)
    pristine: bool = False
    timed_out: bool = False


def changed_files(theirs: dict[str, str], reference: dict[str, str]) -> list[str]:
    changed = [f"{n} (edited)" for n, d in theirs.items() if n in reference and reference[n] != d]
    added = [f"{n} (added)" for n in theirs if n not in reference]
    deleted = [f"{n} (deleted)" for n in reference if n not in theirs]
    return sorted(changed + added + deleted)


def _first_commit_blobs(repo: Path, paths: tuple[str, ...]) -> dict[str, bytes] | None:
    def git(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, timeout=60)

    if not (repo / ".git").exists():
        return None
    roots = git("rev-list", "--max-parents=0", "HEAD").stdout.decode().split()
    if not roots or git("rev-parse", "--is-shallow-repository").stdout.strip() == b"true":
        return None  # a shallow clone's "first" commit is just the newest one
    listing = git("ls-tree", "-r", "--name-only", roots[-1], "--", *paths)
    blobs = {}
    for name in listing.stdout.decode().splitlines():
        if "__pycache__" in name or name.endswith(".pyc"):
            continue
        blob = git("show", f"{roots[-1]}:{name}")
        if blob.returncode == 0:
            blobs[name] = blob.stdout
    return blobs


def _copy_course(dest: Path, root: Path = ROOT) -> None:
    copy_paths(COURSE_FILES, dest, root)


def copy_paths(paths: tuple[str, ...], dest: Path, root: Path = ROOT) -> None:
    """Copy files and folders (without bytecode) from the course at `root` to `dest`."""
    for rel in paths:
        src = root / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest / rel)


def grade_classroom(
    *, student: Path | None = None, expect: str | None = None, limit: float = 1800, c: Course | None = None
) -> ClassroomRun:
    """Grade every exercise once. `student`: pristine mode (ROOT is the course, only the student's
    exercises/*.py are taken); else ROOT is the student's checkout."""
    from awaitlings.grading import grade_tests

    c = c or course()
    modules = [ex.module for ex in c.exercises]
    if student is not None:
        student = student.resolve()
        stubs = {
            ex.module: stub_digest((ROOT / ex.exercise_file).read_bytes())
            for ex in c.exercises
            if (ROOT / ex.exercise_file).is_file()
        }
        tampered = changed_files(per_file(student), per_file(ROOT))
        with tempfile.TemporaryDirectory(prefix="awaitlings-classroom-") as tmp:
            work = Path(tmp) / "course"
            _copy_course(work)
            not_started = set()
            for ex in c.exercises:
                src = student / ex.exercise_file
                if src.is_file() and not src.is_symlink():
                    data = src.read_bytes()
                    (work / ex.exercise_file).write_bytes(data)
                    if stub_digest(data) == stubs.get(ex.module):
                        not_started.add(ex.module)
            graded = grade_tests(modules, root=work, limit=limit, course_=c)
        return ClassroomRun(graded.results, tampered, bool(tampered), not_started, True, graded.timed_out)
    first = _first_commit_blobs(ROOT, (*GRADING_PATHS, "exercises"))
    not_started = set()
    tampered = []
    if first is not None:
        for ex in c.exercises:
            path = ROOT / ex.exercise_file
            stub = first.get(ex.exercise_file)
            if stub is not None and path.is_file() and stub_digest(path.read_bytes()) == stub_digest(stub):
                not_started.add(ex.module)
        reference = {n: stub_digest(b)[:16] for n, b in first.items() if not n.startswith("exercises/")}
        tampered = changed_files(per_file(ROOT), reference)
    flag = bool(tampered) or (expect is not None and fingerprint() != expect)
    graded = grade_tests(modules, root=ROOT, limit=limit, course_=c)
    return ClassroomRun(graded.results, tampered, flag, not_started, False, graded.timed_out)
