"""The student's loop: the commands a student types do what they say."""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from awaitlings import results
from awaitlings.manifest import ROOT, course


@pytest.mark.timeout(600)
def test_pytest_on_an_exercise_file_grades_that_exercise(tmp_path):
    # `pytest exercises/ex01_first_coroutine.py` used to say "no tests ran".
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "exercises/ex01_first_coroutine.py",
            "--target",
            "solutions",
            "--no-progress",
            "--results-json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    graded = results.load(out)
    assert {t.exercise for t in graded.tests} == {"ex01_first_coroutine"}
    assert [t.status for t in graded.tests] == ["pass"] * 2


@pytest.mark.timeout(600)
def test_a_pytest_without_the_courses_plugins_says_what_to_do():
    # The system's pytest used to say only "unrecognized arguments: -n --max-worker-restart=200 ...".
    # The venv's base interpreter is such a system Python: with pytest, without the course's plugins.
    base = Path(sys.base_prefix) / "bin" / "python3"
    probe = "import importlib.util as u; print(bool(u.find_spec('pytest')) and not u.find_spec('xdist'))"
    usable = base.exists() and subprocess.run([str(base), "-c", probe], capture_output=True, text=True).stdout.strip()
    if usable != "True":
        pytest.skip("no Python with pytest but without the course's plugins on this machine")
    proc = subprocess.run([str(base), "-m", "pytest", "--co"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    said = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "source .venv/bin/activate" in said and "unrecognized arguments" not in said, said


def _graded(module: str, status: str) -> results.Results:
    c = course()
    ex = c.by_module(module)
    assert ex is not None
    tests = [
        results.TestResult(
            name=f"tests/test_{module}.py::t{task.id}",
            status=status,
            message=None,  # type: ignore[arg-type]
            output=None,
            test_code="",
            task_id=task.id,
            exercise=module,
        )
        for task in ex.tasks
    ]
    return results.build(c, tests, target="exercises")


def test_progress_sticks_across_runs_and_an_edit_invalidates_it(tmp_path):
    (tmp_path / "ex01_first_coroutine.py").write_text("solved = 1\n")
    (tmp_path / "ex02_await_dont_block.py").write_text("started = 1\n")
    first = results.stamp(_graded("ex01_first_coroutine", "pass"), tmp_path)
    second = results.stamp(_graded("ex02_await_dont_block", "fail"), tmp_path)
    store = results.merge(course(), first, second)  # grading ex02 alone keeps ex01 done
    assert store.exercise("ex01_first_coroutine").status == "pass"
    assert store.exercise("ex02_await_dont_block").status == "fail"
    assert store.points == course().by_module("ex01_first_coroutine").points
    assert results.changed_since_graded(store, tmp_path) == set()
    (tmp_path / "ex01_first_coroutine.py").write_text("solved = 2  # edited\n")
    assert results.changed_since_graded(store, tmp_path) == {"ex01_first_coroutine"}


@pytest.mark.timeout(600)
def test_pytest_runs_of_single_exercises_add_up_in_the_store():
    store = ROOT / ".awaitlings" / "results-solutions.json"
    store.unlink(missing_ok=True)
    for module in ("ex01_first_coroutine", "ex03_forgotten_await"):
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", f"exercises/{module}.py", "--target", "solutions", "--no-progress"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stdout[-2000:]
    kept = results.load(store)
    assert {e.id for e in kept.exercises if e.status == "pass"} == {"ex01_first_coroutine", "ex03_forgotten_await"}


def test_awaitlings_alone_starts_watch_and_hint_defaults_to_the_current_exercise(monkeypatch, capsys):
    from awaitlings.student import cli, commands

    started = []
    monkeypatch.setattr(cli, "cmd_watch", lambda args: started.append(args.manual) or 0)
    assert cli.main([]) == 0 and started == [False]
    monkeypatch.setattr(commands, "current_exercise", lambda c: c.exercises[4])
    monkeypatch.setattr(commands, "HINTS_SEEN", ROOT / ".awaitlings" / "selftest-hints.json")
    try:
        assert cli.main(["hint"]) == 0
    finally:
        (ROOT / ".awaitlings" / "selftest-hints.json").unlink(missing_ok=True)
    assert capsys.readouterr().out.startswith("ex05 ")


@pytest.mark.timeout(600)
def test_the_box_is_the_last_thing_a_run_prints(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "exercises/ex01_first_coroutine.py",
            "--results-json",
            str(tmp_path / "r.json"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    box = next(i for i, line in enumerate(lines) if "awaitlings" in line and "──" in line)
    assert "short test summary" not in proc.stdout and "Warning" not in proc.stdout + proc.stderr, proc.stdout
    assert "bringing up nodes" not in proc.stdout and "node down" not in proc.stdout, proc.stdout
    assert "-- Python" not in proc.stdout, "no worker line ([gw0] linux -- Python …) above failures"
    assert "Stuck? `awaitlings hint 1`" in lines[-2] and lines[-1].startswith("2 failed"), lines[box:]


@pytest.mark.timeout(300)
def test_a_misspelt_marker_is_an_error_not_a_silent_virtual_clock(tmp_path):
    # Without --strict-markers, `@pytest.mark.realtim` would run the test on the virtual clock.
    test = ROOT / "tests" / "test_zz_selftest_marker.py"
    test.write_text("import pytest\n\n@pytest.mark.realtim\ndef test_x():\n    pass\n", encoding="utf-8")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "--co", str(test)], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
    finally:
        test.unlink()
    assert proc.returncode != 0 and "realtim" in proc.stdout + proc.stderr, proc.stdout[-1500:]


def _course_copy(dst: Path) -> Path:
    """The grading files and the exercises, copied (whatever git knows or not: the tree may hold
    files nobody committed yet)."""
    skip = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.pyc")
    for rel in ("awaitlings", "tests", "exercises", "info.toml", "conftest.py", "pyproject.toml"):
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dst / rel, ignore=skip)
        else:
            shutil.copy2(src, dst / rel)
    return dst


@pytest.mark.timeout(600)
def test_a_run_says_when_the_grading_files_differ_from_the_ones_classroom_uses(tmp_path):
    from awaitlings.pristine import WORKFLOW_PATH, differs_from_course, expected_fingerprint, fingerprint

    copy = _course_copy(tmp_path / "course")
    assert expected_fingerprint(copy) is None and not differs_from_course(copy)  # no workflow: no word
    (copy / WORKFLOW_PATH).parent.mkdir(parents=True)
    (copy / WORKFLOW_PATH).write_text(
        f"      - run: python -m awaitlings grade --classroom --expect {fingerprint(copy)} --limit 60\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "AWAITLINGS_"))}
    env.update(PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1")

    def box(*args: str) -> list[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "exercises/ex01_first_coroutine.py", *args],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        lines = proc.stdout.splitlines()
        starts = [i for i, line in enumerate(lines) if "awaitlings" in line and "──" in line]
        assert starts, proc.stdout[-2000:] + proc.stderr[-2000:]
        return lines[starts[-1] :]

    warning = "Warning: the tests or the grader differ from the course's"
    pristine = box()
    assert "Next up: ex01" in "\n".join(pristine) and not any(warning in line for line in pristine), pristine
    test_file = copy / "tests" / "test_ex01_first_coroutine.py"
    test_file.write_text(test_file.read_text(encoding="utf-8") + "\n# the student was here\n", encoding="utf-8")
    assert differs_from_course(copy)
    edited = box()
    said = [i for i, line in enumerate(edited) if warning in line]
    assert len(said) == 1 and "points Classroom gives" in edited[said[0]], edited
    assert said[0] < next(i for i, line in enumerate(edited) if line.startswith("Next up:")), edited
    # The reference solutions are the course's own check, not a student's points: no warning.
    assert not any(warning in line for line in box("--target", "solutions"))


def test_watch_asks_for_the_next_hint_in_its_own_keys(tmp_path, monkeypatch, capsys):
    from awaitlings.student import commands
    from awaitlings.student.watch import Watch

    monkeypatch.setattr(commands, "STATE_DIR", tmp_path)
    monkeypatch.setattr(commands, "HINTS_SEEN", tmp_path / "hints.json")
    c = course()
    ex = next(e for e in c.exercises if len(e.hints) >= 2)
    session = Watch(
        manual=True,
        c=c,
        out=io.StringIO(),
        stdin=io.StringIO(),
        grade=lambda _: pytest.fail("nothing is graded here"),
        results_path=tmp_path / "r.json",
    )
    session.current = ex
    try:
        assert session.on_key("h")
    finally:
        session.close()
    said = capsys.readouterr().out
    assert "Hint 1/" in said and "Still stuck? press h again for hint 2." in said, said
    assert "awaitlings hint" not in said, said
    # The command itself still names itself.
    (tmp_path / "hints.json").unlink()
    assert commands.cmd_hint(argparse.Namespace(exercise=str(ex.number), all=False)) == 0
    assert f"Still stuck? Run `awaitlings hint {ex.number}` again for hint 2." in capsys.readouterr().out
