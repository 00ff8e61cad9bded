"""The student's loop: the commands a student types do what they say."""

from __future__ import annotations

import subprocess
import sys

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
