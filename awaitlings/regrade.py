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
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from awaitlings import results
from awaitlings.fingerprint import GRADING_PATHS, per_file
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


def tampered_files(student: Path, pristine: dict[str, str]) -> list[str]:
    """Grading files the student changed, added or deleted.

    In a git clone the baseline is the repository's first commit (the template the student
    was given), so later edits to the course by the instructor are not blamed on students;
    elsewhere it is the course as it is now.
    """
    if not student.is_dir():
        return []
    baseline = _first_commit_files(student)
    theirs = per_file(student)
    reference = baseline if baseline is not None else pristine
    changed = [f"{name} (edited)" for name, digest in theirs.items()
               if name in reference and reference[name] != digest]
    added = [f"{name} (added)" for name in theirs if name not in reference]
    deleted = [f"{name} (deleted)" for name in reference if name not in theirs and name.startswith("tests/")]
    return sorted(changed + added + deleted)


def _first_commit_files(repo: Path) -> dict[str, str] | None:
    """Digests of the grading files in the repository's first commit, or None without git."""
    def git(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, timeout=60)

    if not (repo / ".git").exists():
        return None
    roots = git("rev-list", "--max-parents=0", "HEAD").stdout.decode().split()
    if not roots:
        return None
    listing = git("ls-tree", "-r", "--name-only", roots[-1], "--", *GRADING_PATHS)
    if listing.returncode != 0:
        return None
    digests = {}
    for name in listing.stdout.decode().splitlines():
        if "__pycache__" in name or name.endswith(".pyc"):
            continue
        blob = git("show", f"{roots[-1]}:{name}")
        if blob.returncode == 0:
            digests[name] = hashlib.sha256(blob.stdout.replace(b"\r\n", b"\n")).hexdigest()[:16]
    return digests


def _course_copy(dest: Path) -> None:
    for rel in COURSE_FILES:
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest / rel)


def regrade_one(student: Path, c: Course, pristine: dict[str, str], limit: float) -> StudentResult:
    result = StudentResult(name=student.name, path=student)
    started = time.monotonic()
    try:
        exercises = student / "exercises"
        if not exercises.is_dir():
            result.error = "no exercises/ folder"
            return result
        result.tampered = tampered_files(student, pristine)
        with tempfile.TemporaryDirectory(prefix="awaitlings-regrade-") as tmp:
            work = Path(tmp) / "course"
            _course_copy(work)
            (work / "exercises").mkdir(exist_ok=True)
            for ex in c.exercises:
                src = exercises / f"{ex.module}.py"
                if src.is_file() and not src.is_symlink():
                    shutil.copy(src, work / "exercises" / src.name)
            graded = grade_tests([ex.module for ex in c.exercises], root=work, limit=limit, course_=c)
            if graded.timed_out:
                result.error = f"grading stopped after {limit:g} s"
        for ex in c.exercises:
            ex_res = graded.results.exercise(ex.module)
            result.points[ex.module] = ex_res.points if ex_res else 0
            for task in ex.tasks:
                passed = bool(ex_res) and any(t.id == task.id and t.status == "pass" for t in ex_res.tasks)
                result.tasks[(ex.module, task.id)] = passed
        result.total = sum(result.points.values())
    except Exception as exc:  # one broken repository must not stop the run
        result.error = f"{type(exc).__name__}: {exc}"
    finally:
        result.seconds = time.monotonic() - started
    return result


def regrade(students: list[Path], out_dir: Path, *, limit: float = 600, only: list[str] | None = None,
            log=print) -> list[StudentResult]:
    c = course()
    if only:
        from dataclasses import replace

        c = replace(c, exercises=tuple(c.find(key) for key in only))
    pristine = per_file(ROOT)
    rows = []
    for student in students:
        log(f"regrade: {student.name} ...")
        row = regrade_one(student, c, pristine, limit)
        flag = f"  TAMPERED: {', '.join(row.tampered)}" if row.tampered else ""
        err = f"  ERROR: {row.error}" if row.error else ""
        log(f"regrade: {student.name}: {row.total}/{c.points} in {row.seconds:.0f} s{flag}{err}")
        rows.append(row)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(c, rows, out_dir / "grades.csv")
    (out_dir / "report.html").write_text(render_html(c, rows), encoding="utf-8")
    return rows


def write_csv(c: Course, rows: list[StudentResult], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student", *[ex.short for ex in c.exercises], "total", "max", "tampered", "error"])
        for row in rows:
            writer.writerow([
                row.name, *[row.points.get(ex.module, 0) for ex in c.exercises], row.total, c.points,
                "; ".join(row.tampered), row.error or "",
            ])


def hardest_tasks(c: Course, rows: list[StudentResult], top: int = 8) -> list[tuple[str, str, int, int]]:
    """(exercise, task title, students failing, students graded), most failed first."""
    graded = [r for r in rows if r.error is None or r.tasks]
    stats = []
    for ex in c.exercises:
        for task in ex.tasks:
            failing = sum(1 for r in graded if not r.tasks.get((ex.module, task.id), False))
            stats.append((f"{ex.short} {ex.title}", f"task {task.id}: {task.title}", failing, len(graded)))
    stats.sort(key=lambda s: -s[2])
    return [s for s in stats if s[2] > 0][:top]


def _colour(fraction: float) -> str:
    # red (0) -> amber (0.5) -> green (1)
    hue = int(120 * max(0.0, min(1.0, fraction)))
    return f"hsl({hue}, 65%, 78%)"


def render_html(c: Course, rows: list[StudentResult]) -> str:
    e = html.escape
    head = "".join(f'<th title="{e(ex.title)}">{e(ex.short)}</th>' for ex in c.exercises)
    body = []
    for row in sorted(rows, key=lambda r: (-r.total, r.name)):
        cells = []
        for ex in c.exercises:
            pts = row.points.get(ex.module, 0)
            cells.append(f'<td style="background:{_colour(pts / ex.points)}" '
                         f'title="{e(ex.title)}: {pts}/{ex.points}">{pts}</td>')
        flags = ""
        if row.tampered:
            flags += f'<span class="flag tamper" title="{e("; ".join(row.tampered))}">tests changed</span>'
        if row.error:
            flags += f'<span class="flag error" title="{e(row.error)}">{e(row.error[:60])}</span>'
        body.append(
            f'<tr><th class="name">{e(row.name)}</th>{"".join(cells)}'
            f'<td class="total" style="background:{_colour(row.total / max(c.points, 1))}">'
            f"{row.total}/{c.points}</td><td>{flags}</td></tr>"
        )
    hard = "".join(
        f"<tr><td>{e(ex)}</td><td>{e(task)}</td><td>{failing}/{total}</td>"
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
.tamper {{ background: #ffd7a8; }} .error {{ background: #f3b6b6; }}
.hard td {{ text-align: left; border-bottom: 1px solid #eef1f6; }}
.bar {{ height: 10px; background: #d65f5f; border-radius: 3px; }}
.legend span {{ display: inline-block; width: 28px; text-align: center; margin-right: 2px; }}
</style></head><body>
<h1>awaitlings: regrade report</h1>
<div class="meta">{len(rows)} students · mean {mean:.1f}/{c.points} points ·
{tampered} with changed grading files · {errors} with errors · graded with the course's own tests</div>
<div class="legend">score per exercise:
<span style="background:{_colour(0)}">0%</span><span style="background:{_colour(0.5)}">50%</span><span
style="background:{_colour(1)}">100%</span></div>
<table><thead><tr><th class="name">student</th>{head}<th>total</th><th>flags</th></tr></thead>
<tbody>{"".join(body)}</tbody></table>
<h2>Where to spend the next lecture: tasks most students fail</h2>
<table class="hard"><tbody>{hard or "<tr><td>Every student passed every task.</td></tr>"}</tbody></table>
</body></html>
"""


__all__ = ["StudentResult", "regrade", "render_html", "results", "tampered_files"]
