"""The student's loop: the commands a student types do what they say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from awaitlings import results
from awaitlings.manifest import ROOT


def test_pytest_on_an_exercise_file_grades_that_exercise(tmp_path):
    # `pytest exercises/ex01_first_coroutine.py` used to say "no tests ran".
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "exercises/ex01_first_coroutine.py", "--target", "solutions",
         "--no-progress", "--results-json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    graded = results.load(out)
    assert {t.exercise for t in graded.tests} == {"ex01_first_coroutine"}
    assert [t.status for t in graded.tests] == ["pass"] * 2


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
