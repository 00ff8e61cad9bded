"""The Classroom workflow (one grading pass, pristine mode), its reporter results, the job
summary and the lock file. The simulator runs that prove the points are in docs/classroom.md."""

from __future__ import annotations

import base64
import dataclasses
import json
import re
import shutil

import pytest

from awaitlings import results
from awaitlings.classroom import lock
from awaitlings.classroom import workflow as classroom
from awaitlings.classroom.summary import markdown_summary, table_cell
from awaitlings.manifest import ROOT, course

pytestmark = pytest.mark.timeout(300)


def _result(c, passed: set[tuple[str, int]], message: str = "first line\nsecond | line <b>") -> results.Results:
    tests = []
    for ex in c.exercises:
        for task in ex.tasks:
            ok = (ex.short, task.id) in passed
            tests.append(
                results.TestResult(
                    name=f"tests/test_{ex.module}.py::t{task.id}",
                    status="pass" if ok else "fail",
                    message=None if ok else message,
                    output=None,
                    test_code="",
                    task_id=task.id,
                    exercise=ex.module,
                )
            )
    return results.build(c, tests, target="exercises")


def test_workflow_grades_once_and_reports_every_task():
    c = course()
    text = classroom.render(c)
    assert text.splitlines()[2] == "name: Autograding Tests"
    assert "\n  run-autograding-tests:\n" in text and "if: github.actor != 'github-classroom[bot]'" in text
    for trigger in ("push:", "repository_dispatch:", "workflow_dispatch:"):
        assert f"\n  {trigger}\n" in text
    # One grading step, no per-task processes.
    assert text.count("python -m awaitlings grade") == 1 and "autograding-command-grader" not in text
    ids = classroom.runners(c)
    assert len(ids) == sum(len(ex.tasks) for ex in c.exercises) == len(set(ids))
    for rid in ids:
        assert re.fullmatch(r"[a-zA-Z0-9]+", rid)  # the reporter's own pattern for runner names
        assert f"{rid.upper()}_RESULTS: ${{{{ steps.grade.outputs.{rid} }}}}" in text
    assert f"runners: {','.join(ids)}" in text
    # Hygiene: least permissions, concurrency, current majors, a job limit above the grading limit.
    perms = text.split("permissions:\n", 1)[1].split("\n# ", 1)[0]
    assert perms.strip() == "contents: read"
    assert "concurrency:\n  group: autograding-${{ github.ref }}\n  cancel-in-progress: true" in text
    assert "actions/checkout@v7" in text and "actions/setup-python@v7" in text
    assert "cache-dependency-path: requirements.lock" in text and "-r requirements.lock" in text
    minutes = int(re.search(r"timeout-minutes: (\d+)", text).group(1))
    assert classroom.grade_limit(c) >= classroom.worst_case_seconds(c) and minutes * 60 > classroom.grade_limit(c)
    assert f"--limit {classroom.grade_limit(c)}" in text


def test_worst_case_counts_every_collected_test():
    c = course()
    assert sum(classroom.test_count(c, ex) for ex in c.exercises) >= 91  # pytest --collect-only: 91


def test_pristine_workflow_names_the_course_and_commit():
    c = course()
    ref = "0123456789abcdef0123456789abcdef01234567"
    text = classroom.render(c, course_repo="teacher/awaitlings", course_ref=ref)
    assert "repository: teacher/awaitlings" in text and f"ref: {ref}" in text
    assert f"path: {classroom.COURSE_DIR}" in text and "secrets.AWAITLINGS_COURSE_TOKEN" in text
    assert "rm -rf solutions selftest bench .ci .git" in text
    assert '--student "$GITHUB_WORKSPACE"' in text and "--expect" not in text
    assert f"-r {classroom.COURSE_DIR}/requirements.lock" in text
    with pytest.raises(ValueError):
        classroom.render(c, course_repo="teacher/awaitlings", course_ref="main")


def test_reporter_results_carry_the_manifests_points_and_titles():
    c = course()
    res = _result(c, {("ex01", 2), ("ex06", 1), ("ex06", 2)})
    out = classroom.reporter_results(c, res)
    assert list(out) == classroom.runners(c)
    decoded = {k: json.loads(base64.b64decode(v)) for k, v in out.items()}
    assert sum(d["max_score"] for d in decoded.values()) == c.points
    assert sum(t["score"] for d in decoded.values() for t in d["tests"]) == res.points == 2 + 4
    one = decoded["ex01t2"]
    assert one["status"] == "pass" and one["tests"][0]["name"].startswith("ex01 Your first coroutine — task 2:")
    # What the reporter prints per runner, (passed / tests) x max_score, equals the points too.
    for d in decoded.values():
        shown = sum(t["status"] == "pass" for t in d["tests"]) / len(d["tests"]) * d["max_score"]
        assert shown == sum(t["score"] for t in d["tests"])
    assert decoded["ex01t1"]["tests"][0]["message"].startswith("first line\nsecond")


def test_summary_rows_details_and_banner():
    c = course()
    res = _result(c, {("ex01", 2), ("ex06", 1), ("ex06", 2)})
    text = markdown_summary(
        c,
        res,
        not_started={"ex03_forgotten_await"},
        pristine=True,
        tampered=["conftest.py (edited)", "tests/test_ex01_first_coroutine.py (edited)"],
    )
    assert "## awaitlings: 6/100 points" in text
    assert "| 3 | ex03 The forgotten await | 0/3 | ⚪ not started |" in text
    assert "| 6 | ex06 Run waits together | 4/4 | ✅ done |" in text
    assert "❌ failing (1/2 tasks pass)" in text
    block = text.split("<details><summary><b>ex01 Your first coroutine</b>", 1)[1].split("</details>", 1)[0]
    assert "| 2 | ✅ pass:" in block and "| 1 | ❌ fail:" in block
    assert "first line<br>second \\| line &lt;b&gt;" in block and "`awaitlings hint 1`" in block
    assert "ex03 The forgotten await</b>" not in text  # not started: no details block
    assert "`conftest.py (edited)`" in text and "**not used**" in text
    assert table_cell("a|b\nc") == "a\\|b<br>c"


def test_lock_pins_every_distribution_the_project_needs():
    pins = lock.read_lock()
    needed = lock.locked_closure()
    missing = {name: version for name, version in needed.items() if pins.get(name) != version}
    assert not missing, f"requirements.lock lacks {missing}: python -m awaitlings.classroom.lock --write-lock"
    assert set(pins) == set(needed), f"requirements.lock pins what awaitlings does not need: {set(pins) - set(needed)}"
    assert lock.lock_mismatches() == []


def test_pristine_grading_ignores_the_students_grading_files(tmp_path):
    c = course()
    c = dataclasses.replace(c, exercises=tuple(c.find(k) for k in ("ex01", "ex02")))
    student = tmp_path / "student"
    shutil.copytree(ROOT / "exercises", student / "exercises")
    shutil.copytree(ROOT / "tests", student / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "conftest.py", student / "conftest.py")
    shutil.copy(ROOT / "solutions" / "ex01_first_coroutine.py", student / "exercises")
    for path in (student / "tests").glob("test_ex0*.py"):
        path.write_text(
            re.sub(
                r"(\n(?:async )?def test_\w+\(.*?\)(?:\s*->\s*[^:\n]+)?:\n)",
                r"\1    return\n",
                path.read_text(),
                flags=re.S,
            )
        )
    (student / "conftest.py").write_text(
        (student / "conftest.py").read_text()
        + (
            "\nimport pytest\n\n\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n"
            "    outcome = yield\n    outcome.get_result().outcome = 'passed'\n"
        )
    )
    run = classroom.grade_classroom(student=student, limit=240, c=c)
    assert run.pristine and run.results.points == 3
    assert "conftest.py (edited)" in run.tampered and "tests/test_ex01_first_coroutine.py (edited)" in run.tampered
    assert run.not_started == {"ex02_await_dont_block"}
