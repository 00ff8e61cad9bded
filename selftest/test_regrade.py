"""`regrade` over prepared student clones, and the student `template`."""

from __future__ import annotations

import csv
import dataclasses
import os
import shutil
import subprocess
import sys

import pytest

from awaitlings.classroom.regrade import regrade
from awaitlings.course import template
from awaitlings.manifest import ROOT, course

pytestmark = pytest.mark.timeout(600)
ONLY = ["ex01", "ex02", "ex03", "ex04"]


def _clone(tmp_path, name):
    dest = tmp_path / name
    for rel in ("exercises", "tests", "awaitlings", "info.toml", "conftest.py", "pyproject.toml"):
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / rel)
    return dest


def _solve(clone, *modules):
    for m in modules:
        shutil.copy(ROOT / "solutions" / f"{m}.py", clone / "exercises" / f"{m}.py")


def test_regrade_prepared_clones(tmp_path):
    solved = _clone(tmp_path, "solved")
    _solve(solved, "ex01_first_coroutine", "ex02_await_dont_block", "ex03_forgotten_await", "ex04_first_route")
    partly = _clone(tmp_path, "partly")
    _solve(partly, "ex01_first_coroutine")
    broken = _clone(tmp_path, "broken_import")
    _solve(broken, "ex02_await_dont_block")
    (broken / "exercises" / "ex01_first_coroutine.py").write_text("import not_a_module_anywhere\n")
    edited = _clone(tmp_path, "tests_edited")
    (edited / "tests" / "test_ex01_first_coroutine.py").write_text(
        "import pytest\n\n@pytest.mark.task(1)\ndef test_ok():\n    pass\n"
    )
    hanging = _clone(tmp_path, "hanging")
    _solve(hanging, "ex03_forgotten_await")
    (hanging / "exercises" / "ex01_first_coroutine.py").write_text("while True:\n    pass\n")
    not_a_repo = tmp_path / "not_a_repo"
    not_a_repo.mkdir()

    out = tmp_path / "report"
    students = [solved, partly, broken, edited, hanging, not_a_repo]
    logged = []
    rows = regrade(students, out, limit=300, only=ONLY, jobs=2, log=logged.append)
    assert any("students/minute" in line for line in logged)
    by_name = {r.name: r for r in rows}
    assert by_name["solved"].total == 12 and not by_name["solved"].tampered
    assert by_name["partly"].total == 3
    assert by_name["broken_import"].total == 3  # ex02 still counts
    assert by_name["tests_edited"].total == 0  # graded with pristine tests
    assert "tests/test_ex01_first_coroutine.py (edited)" in by_name["tests_edited"].tampered
    assert by_name["hanging"].total == 3 and by_name["hanging"].error is None
    assert by_name["hanging"].hung == ["ex01_first_coroutine"] and "hang" in by_name["hanging"].flags
    assert by_name["tests_edited"].flags == ["tests"] and by_name["solved"].flags == []
    assert by_name["not_a_repo"].error == "no exercises/ folder"

    with (out / "grades.csv").open() as fh:
        table = {row["student"]: row for row in csv.DictReader(fh)}
    assert table["solved"]["total"] == "12" and table["partly"]["ex01"] == "3"
    assert "edited" in table["tests_edited"]["tampered"]
    report = (out / "report.html").read_text()
    assert "tasks most students fail" in report and "tests changed" in report
    assert "<code>" in report and "`" not in report.split("tasks most students fail", 1)[1]


def _git(repo, *args, date=None):
    env = {**os.environ, **({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {})}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def _commit(repo, message, date):
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=s", "-c", "user.email=s@x", "commit", "-qm", message, date=date)


def test_regrade_flags_a_workflow_edit_and_honours_the_deadline(tmp_path):
    from awaitlings.classroom.regrade import hardest_tasks

    repos = []
    for name in ("late", "workflow_edited"):
        repo = _clone(tmp_path, name)
        shutil.copytree(ROOT / ".github", repo / ".github")
        _git(repo, "init", "-q", "-b", "main")
        _commit(repo, "template", "2026-11-01T10:00:00+00:00")
        repos.append(repo)
    late, edited = repos
    _solve(late, "ex01_first_coroutine")
    _commit(late, "ex01 on time", "2026-11-02T10:00:00+00:00")
    _solve(late, "ex02_await_dont_block")
    _commit(late, "ex02 after the deadline", "2026-11-09T10:00:00+00:00")
    _solve(edited, "ex02_await_dont_block")
    workflow = edited / ".github" / "workflows" / "classroom.yml"
    text = workflow.read_text()
    workflow.write_text(text.replace("python -m awaitlings grade", "true || python -m awaitlings grade"))
    _commit(edited, "all green", "2026-11-03T10:00:00+00:00")

    out = tmp_path / "report"
    rows = {
        r.name: r
        for r in regrade(
            repos,
            out,
            limit=300,
            only=["ex01", "ex02"],
            jobs=2,
            deadline="2026-11-05T00:00:00+00:00",
            log=lambda *_: None,
        )
    }
    on_time = subprocess.run(
        ["git", "-C", str(late), "rev-list", "-1", "HEAD~1"], capture_output=True, text=True
    ).stdout.strip()
    assert rows["late"].commit == on_time and rows["late"].total == 3  # ex02 came after the deadline
    assert rows["late"].attempted == {"ex01_first_coroutine"} and rows["late"].flags == []
    assert rows["workflow_edited"].total == 3 and rows["workflow_edited"].flags == ["workflow"]
    assert ".github/workflows/classroom.yml (edited)" in rows["workflow_edited"].tampered
    with (out / "grades.csv").open() as fh:
        table = {row["student"]: row for row in csv.DictReader(fh)}
    assert table["late"]["commit"] == on_time and table["workflow_edited"]["flags"] == "workflow"
    assert "workflow edited" in (out / "report.html").read_text()
    # Tasks most students fail: among those who tried. Nobody failed a task of an exercise they tried.
    c = course()
    c = dataclasses.replace(c, exercises=tuple(c.find(k) for k in ("ex01", "ex02")))
    assert [h for h in hardest_tasks(c, list(rows.values())) if h[2] > 0] == []


def test_template_has_no_solutions_and_starts_unsolved(tmp_path):
    dest = tmp_path / "template"
    copied = template.build(dest)
    assert not any(p.startswith(("solutions/", "selftest/", ".ci/")) for p in copied)
    # No instructor module: the students' copy holds only what they run, and its grading files
    # still match the course's fingerprint.
    assert not any(p.startswith("awaitlings/course/") or p == "awaitlings/classroom/regrade.py" for p in copied)
    from awaitlings.classroom.fingerprint import fingerprint

    assert fingerprint(dest) == fingerprint()
    # This environment's editable install would still find awaitlings.course in the course
    # itself; a student's install has none, as here.
    no_course = (
        "import sys; sys.modules['awaitlings.course'] = None; "
        "from awaitlings.student.cli import main; sys.exit(main(['verify']))"
    )
    cli = subprocess.run([sys.executable, "-c", no_course], cwd=dest, capture_output=True, text=True, timeout=120)
    assert cli.returncode != 0 and "an instructor command" in cli.stderr and "Traceback" not in cli.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "awaitlings", "list"], cwd=dest, capture_output=True, text=True, timeout=120
    )
    assert listed.returncode == 0 and "ex22" in listed.stdout, listed.stderr
    assert (dest / ".github" / "workflows" / "classroom.yml").exists()
    assert "awaitlings watch" in (dest / "README.md").read_text()
    log = subprocess.run(["git", "log", "--oneline"], cwd=dest, capture_output=True, text=True).stdout
    assert "student template" in log
    # The template's own tests run and fail on its stubs (only exercise 1 here, to stay quick).
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_ex01_first_coroutine.py", "--no-progress"],
        cwd=dest,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1 and "2 failed" in proc.stdout, proc.stdout[-2000:]


def test_tampering_is_judged_against_the_students_own_template(tmp_path):
    from awaitlings.classroom.fingerprint import per_file
    from awaitlings.classroom.regrade import tampered_files

    repo = _clone(tmp_path, "student")

    def git(*args):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "template")
    pristine = per_file(ROOT)
    # The instructor has since changed a test: not the student's doing.
    pristine["tests/test_ex01_first_coroutine.py"] = "0" * 16
    assert tampered_files(repo, pristine) == []
    test_file = repo / "tests" / "test_ex02_await_dont_block.py"
    test_file.write_text(test_file.read_text() + "\n# edited by the student\n")
    (repo / "tests" / "test_extra.py").write_text("def test_x():\n    pass\n")
    assert tampered_files(repo, pristine) == [
        "tests/test_ex02_await_dont_block.py (edited)",
        "tests/test_extra.py (added)",
    ]
