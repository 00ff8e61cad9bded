"""`awaitlings regrade`: grade students' repositories with the course's pristine tests.

For each student clone (e.g. from GitHub Classroom's bulk download) only `exercises/*.py` is
taken; it is graded inside a fresh copy of this course (pristine tests, grader, manifest), in
its own process group with a time limit. The student's own grading files are compared with the
course's to flag tampering. The result is a CSV and a self-contained HTML report.

A broken or hostile repository becomes a row with an error, never a crash of the run.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from awaitlings import results
from awaitlings.classroom.fingerprint import GRADING_PATHS, per_file
from awaitlings.classroom.workflow import copy_paths
from awaitlings.grading import grade_tests
from awaitlings.manifest import ROOT, Course, course

COURSE_FILES = (*GRADING_PATHS, "exercises/__init__.py")


@dataclass
class StudentResult:
    name: str
    path: Path
    points: dict[str, int] = field(default_factory=dict)  # module -> points
    tasks: dict[tuple[str, int], bool] = field(default_factory=dict)  # (module, task) -> passed
    total: int = 0
    tampered: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    commit: str = ""  # the graded commit ("" without git)
    attempted: set[str] = field(default_factory=set)  # modules whose file is no longer the stub
    hung: list[str] = field(default_factory=list)  # modules with a test stopped at its time limit

    @property
    def flags(self) -> list[str]:
        """What to look at: edits to the workflow, grader, tests or configuration; hangs."""
        kinds = {
            ".github/": "workflow",
            "awaitlings/": "grader",
            "tests/": "tests",
            "conftest.py": "tests",
            "info.toml": "config",
            "pyproject.toml": "config",
        }
        found = [kind for prefix, kind in kinds.items() if any(t.startswith(prefix) for t in self.tampered)]
        return [*dict.fromkeys(found), *(["hang"] if self.hung else [])]


WATCHED = (*GRADING_PATHS, ".github")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()[:16]


def _watched_files(root: Path) -> dict[str, str]:
    files = per_file(root)
    github = root / ".github"
    if github.is_dir():
        files.update(
            {p.relative_to(root).as_posix(): _digest(p.read_bytes()) for p in sorted(github.rglob("*")) if p.is_file()}
        )
    return files


def tampered_files(student: Path, pristine: dict[str, str], *, tree: Path | None = None) -> list[str]:
    """Grading files (and `.github/`) the student changed, added or deleted.

    In a git clone the baseline is the repository's first commit (the template the student
    was given), so later edits to the course by the instructor are not blamed on students;
    elsewhere it is the course as it is now. `tree`: the files as graded (a deadline commit's
    export), when not the clone's working tree.
    """
    if not student.is_dir():
        return []
    baseline = _first_commit_files(student, WATCHED)
    theirs = _watched_files(tree or student)
    if baseline is None:
        theirs = {n: d for n, d in theirs.items() if not n.startswith(".github/")}
    reference = baseline if baseline is not None else pristine
    changed = [f"{name} (edited)" for name, digest in theirs.items() if name in reference and reference[name] != digest]
    added = [f"{name} (added)" for name in theirs if name not in reference]
    deleted = [
        f"{name} (deleted)" for name in reference if name not in theirs and name.startswith(("tests/", ".github/"))
    ]
    return sorted(changed + added + deleted)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, timeout=120)


def _first_commit_files(repo: Path, paths: tuple[str, ...] = GRADING_PATHS) -> dict[str, str] | None:
    """Digests of these files in the repository's first commit, or None without git."""
    if not (repo / ".git").exists():
        return None
    roots = _git(repo, "rev-list", "--max-parents=0", "HEAD").stdout.decode().split()
    if not roots:
        return None
    listing = _git(repo, "ls-tree", "-r", "--name-only", roots[-1], "--", *paths)
    if listing.returncode != 0:
        return None
    digests = {}
    for name in listing.stdout.decode().splitlines():
        if "__pycache__" in name or name.endswith(".pyc"):
            continue
        blob = _git(repo, "show", f"{roots[-1]}:{name}")
        if blob.returncode == 0:
            digests[name] = _digest(blob.stdout)
    return digests


def commit_before(repo: Path, deadline: str | None) -> str | None:
    """The commit graded: HEAD, or the last commit on HEAD's history before `deadline`
    (anything git accepts: 2026-12-01T23:59:00+01:00). None without git or such a commit."""
    if not (repo / ".git").exists():
        return None
    args = ["rev-list", "-1", *([f"--before={deadline}"] if deadline else []), "HEAD"]
    found = _git(repo, *args).stdout.decode().strip()
    return found or None


def _export(repo: Path, commit: str, dest: Path) -> None:
    """The commit's tree, as files (no .git), into `dest`."""
    archive = _git(repo, "archive", "--format=tar", commit)
    if archive.returncode != 0:
        raise RuntimeError(f"git archive {commit[:12]} failed: {archive.stderr.decode(errors='replace')[:200]}")
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")


def regrade_one(
    student: Path, c: Course, pristine: dict[str, str], limit: float, deadline: str | None = None
) -> StudentResult:
    result = StudentResult(name=student.name, path=student)
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="awaitlings-regrade-") as tmp:
            commit = commit_before(student, deadline)
            tree = student
            if deadline and (student / ".git").exists():
                if commit is None:
                    result.error = f"no commit before the deadline {deadline}"
                    return result
                tree = Path(tmp) / "submitted"
                _export(student, commit, tree)
            result.commit = commit or ""
            exercises = tree / "exercises"
            if not exercises.is_dir():
                result.error = "no exercises/ folder"
                return result
            result.tampered = tampered_files(student, pristine, tree=tree)
            stubs = _first_commit_files(student, ("exercises",)) or {
                ex.exercise_file: _digest((ROOT / ex.exercise_file).read_bytes())
                for ex in c.exercises
                if (ROOT / ex.exercise_file).is_file()
            }
            work = Path(tmp) / "course"
            copy_paths(COURSE_FILES, work)
            (work / "exercises").mkdir(exist_ok=True)
            for ex in c.exercises:
                src = exercises / f"{ex.module}.py"
                if src.is_file() and not src.is_symlink():
                    data = src.read_bytes()
                    shutil.copy(src, work / "exercises" / src.name)
                    if stubs.get(ex.exercise_file) != _digest(data):
                        result.attempted.add(ex.module)
            graded = grade_tests([ex.module for ex in c.exercises], root=work, limit=limit, course_=c)
            if graded.timed_out:
                result.error = f"grading stopped after {limit:g} s"
        for ex in c.exercises:
            ex_res = graded.results.exercise(ex.module)
            result.points[ex.module] = ex_res.points if ex_res else 0
            for task in ex.tasks:
                passed = ex_res is not None and any(t.id == task.id and t.status == "pass" for t in ex_res.tasks)
                result.tasks[(ex.module, task.id)] = passed
        result.hung = sorted(
            {
                t.exercise
                for t in graded.results.tests
                if t.exercise and t.message and "did not finish within" in t.message
            }
        )
        if graded.timed_out:
            result.hung = [ex.module for ex in c.exercises]
        result.total = sum(result.points.values())
    except Exception as exc:  # one broken repository must not stop the run
        result.error = f"{type(exc).__name__}: {exc}"
    finally:
        result.seconds = time.monotonic() - started
    return result


def regrade(
    students: list[Path],
    out_dir: Path,
    *,
    limit: float = 600,
    only: list[str] | None = None,
    jobs: int | None = None,
    deadline: str | None = None,
    log: Callable[[str], object] = print,
) -> list[StudentResult]:
    c = course()
    if only:
        from dataclasses import replace

        c = replace(c, exercises=tuple(c.find(key) for key in only))
    from awaitlings.classroom.lock import LOCK, lock_mismatches

    env_problems = lock_mismatches() if LOCK.exists() else ["requirements.lock is missing"]
    for problem in env_problems:
        log(f"regrade: WARNING: this environment is not the pinned one: {problem}")
    pristine = per_file(ROOT)
    jobs = max(1, jobs or os.cpu_count() or 1)
    started = time.monotonic()

    def one(student: Path) -> StudentResult:
        row = regrade_one(student, c, pristine, limit, deadline)
        flags = f"  FLAGS: {', '.join(row.flags)} ({'; '.join(row.tampered) or 'hang'})" if row.flags else ""
        err = f"  ERROR: {row.error}" if row.error else ""
        log(
            f"regrade: {student.name} @ {row.commit[:12] or '-'}: {row.total}/{c.points} in {row.seconds:.0f} s"
            f"{flags}{err}"
        )
        return row

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        rows = list(pool.map(one, students))
    elapsed = time.monotonic() - started
    rate = len(rows) / (elapsed / 60) if elapsed > 0 else 0.0
    log(f"regrade: {len(rows)} students in {elapsed:.0f} s with {jobs} jobs: {rate:.1f} students/minute")
    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(c, rows, out_dir / "grades.csv")
    (out_dir / "report.html").write_text(
        render_html(c, rows, env_problems=env_problems, deadline=deadline), encoding="utf-8"
    )
    return rows


def write_csv(c: Course, rows: list[StudentResult], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "student",
                "commit",
                *[ex.short for ex in c.exercises],
                "total",
                "max",
                "flags",
                "tampered",
                "hung",
                "error",
            ]
        )
        for row in rows:
            writer.writerow(
                [
                    row.name,
                    row.commit,
                    *[row.points.get(ex.module, 0) for ex in c.exercises],
                    row.total,
                    c.points,
                    " ".join(row.flags),
                    "; ".join(row.tampered),
                    " ".join(row.hung),
                    row.error or "",
                ]
            )


def hardest_tasks(c: Course, rows: list[StudentResult], top: int = 8) -> list[tuple[str, str, int, int]]:
    """(exercise, task title, students failing, students who attempted the exercise), most failed
    first (by share, then count). An exercise nobody changed from its stub says nothing."""
    graded = [r for r in rows if r.error is None or r.tasks]
    stats = []
    for ex in c.exercises:
        tried = [r for r in graded if ex.module in r.attempted]
        for task in ex.tasks:
            failing = sum(1 for r in tried if not r.tasks.get((ex.module, task.id), False))
            stats.append((f"{ex.short} {ex.title}", f"task {task.id}: {task.title}", failing, len(tried)))
    stats.sort(key=lambda s: (-(s[2] / max(s[3], 1)), -s[2]))
    return [s for s in stats if s[2] > 0][:top]


def _colour(fraction: float) -> str:
    # red (0) -> amber (0.5) -> green (1)
    hue = int(120 * max(0.0, min(1.0, fraction)))
    return f"hsl({hue}, 65%, 78%)"


def markdown_inline(text: str) -> str:
    """Inline Markdown of titles and messages as HTML: escaped, `code` spans, **bold**."""
    out = html.escape(text)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", out)


def render_html(
    c: Course, rows: list[StudentResult], *, env_problems: list[str] | None = None, deadline: str | None = None
) -> str:
    e = html.escape
    head = "".join(f'<th title="{e(ex.title)}">{e(ex.short)}</th>' for ex in c.exercises)
    body = []
    for row in sorted(rows, key=lambda r: (-r.total, r.name)):
        cells = []
        for ex in c.exercises:
            pts = row.points.get(ex.module, 0)
            cells.append(
                f'<td style="background:{_colour(pts / ex.points)}" title="{e(ex.title)}: {pts}/{ex.points}">{pts}</td>'
            )
        flags = ""
        labels = {
            "workflow": "workflow edited",
            "grader": "grader edited",
            "tests": "tests changed",
            "config": "config edited",
        }
        for flag in row.flags:
            if flag == "hang":
                flags += f'<span class="flag error" title="{e(", ".join(row.hung))}">hang</span>'
            else:
                flags += f'<span class="flag tamper" title="{e("; ".join(row.tampered))}">{labels[flag]}</span>'
        if row.commit:
            flags += f'<span class="flag commit">{e(row.commit[:10])}</span>'
        if row.error:
            flags += f'<span class="flag error" title="{e(row.error)}">{e(row.error[:60])}</span>'
        body.append(
            f'<tr><th class="name">{e(row.name)}</th>{"".join(cells)}'
            f'<td class="total" style="background:{_colour(row.total / max(c.points, 1))}">'
            f"{row.total}/{c.points}</td><td>{flags}</td></tr>"
        )
    hard = "".join(
        f"<tr><td>{markdown_inline(ex)}</td><td>{markdown_inline(task)}</td><td>{failing}/{total} who tried</td>"
        f'<td><div class="bar" style="width:{int(160 * failing / max(total, 1))}px"></div></td></tr>'
        for ex, task, failing, total in hardest_tasks(c, rows)
    )
    totals = [r.total for r in rows]
    mean = sum(totals) / len(totals) if totals else 0
    tampered = sum(1 for r in rows if r.tampered)
    errors = sum(1 for r in rows if r.error)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>awaitlings: regrade report</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d2330; }}
h1 {{ font-size: 20px; margin: 0 0 4px; }} h2 {{ font-size: 16px; margin: 28px 0 8px; }}
.meta {{ color: #5b6475; margin-bottom: 16px; }}
table {{ border-collapse: collapse; }}
th, td {{ padding: 4px 7px; text-align: center; border: 1px solid #fff; }}
thead th {{ background: #eef1f6; font-weight: 600; font-size: 12px; }}
th.name {{ text-align: left; background: #f7f8fb; }}
td.total {{ font-weight: 700; }}
.flag {{ display: inline-block; white-space: nowrap; padding: 1px 6px; border-radius: 4px;
         font-size: 12px; margin-right: 4px; }}
.tamper {{ background: #ffd7a8; }} .error {{ background: #f3b6b6; }} .commit {{ background: #eef1f6; }}
.warn {{ background: #fff3cd; padding: 6px 10px; border-radius: 4px; margin-bottom: 12px; }}
.hard td {{ text-align: left; border-bottom: 1px solid #eef1f6; }}
.bar {{ height: 10px; background: #d65f5f; border-radius: 3px; }}
.legend span {{ display: inline-block; width: 28px; text-align: center; margin-right: 2px; }}
</style></head><body>
<h1>awaitlings: regrade report</h1>
<div class="meta">{len(rows)} students · mean {mean:.1f}/{c.points} points ·
{tampered} with changed grading files or workflow · {errors} with errors · graded with the course's own tests
{f"· last commit before {e(deadline)}" if deadline else "· each repository's last commit"}</div>
{"".join(f'<div class="warn">Not the pinned environment: {e(p)}</div>' for p in env_problems or [])}
<div class="legend">score per exercise:
<span style="background:{_colour(0)}">0%</span><span style="background:{_colour(0.5)}">50%</span><span
style="background:{_colour(1)}">100%</span></div>
<table><thead><tr><th class="name">student</th>{head}<th>total</th><th>flags</th></tr></thead>
<tbody>{"".join(body)}</tbody></table>
<h2>Where to spend the next lecture: tasks most students fail</h2>
<p class="meta">Among the students who changed the exercise from its stub.</p>
<table class="hard"><tbody>{hard or "<tr><td>Every student who tried passed every task.</td></tr>"}</tbody></table>
</body></html>
"""


__all__ = ["StudentResult", "regrade", "render_html", "results", "tampered_files"]
