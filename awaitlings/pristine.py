"""Are the grading files the course's? A fingerprint of everything that grades (tests, manifest,
grader package, pytest config), and the value the Classroom workflow expects.

The Classroom workflow carries the fingerprint of the pristine course (`--expect H`); each
grading run recomputes it and reports loudly when a student changed any of these files, and a
local `pytest` run says so in its summary. (`regrade` does not trust them at all: it copies
pristine ones over the student's.) `awaitlings.classroom.fingerprint` is the public name.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from awaitlings.manifest import ROOT

# What decides a grade. The workflow itself is not listed: it carries the fingerprint.
GRADING_PATHS = ("tests", "awaitlings", "info.toml", "conftest.py", "pyproject.toml")
# The instructor's tools never grade, and the student template leaves them out.
NOT_GRADING = ("awaitlings/course/", "awaitlings/classroom/regrade.py")
# Where the course's expected fingerprint is written (by `awaitlings generate`).
WORKFLOW_PATH = Path(".github") / "workflows" / "classroom.yml"
_SKIP_PARTS = {"__pycache__", ".pytest_cache"}
_EXPECT_RE = re.compile(r"--expect[\s=]+([0-9a-f]+)\b")


def grading_files(root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for rel in GRADING_PATHS:
        path = root / rel
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not (_SKIP_PARTS & set(p.parts))
                and p.suffix != ".pyc"
                and not p.relative_to(root).as_posix().startswith(NOT_GRADING)
            )
    return sorted(files)


def fingerprint(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for path in grading_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        # Line endings normalised: a checkout on Windows must not look tampered with.
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def per_file(root: Path = ROOT) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes().replace(b"\r\n", b"\n")).hexdigest()[:16]
        for p in grading_files(root)
    }


def expected_fingerprint(root: Path = ROOT) -> str | None:
    """The fingerprint the Classroom workflow expects; None without a workflow or a value."""
    try:
        text = (root / WORKFLOW_PATH).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = _EXPECT_RE.search(text)
    return match.group(1) if match else None


def differs_from_course(root: Path = ROOT) -> bool:
    """The grading files differ from the ones Classroom grades with (False when unknown)."""
    expected = expected_fingerprint(root)
    if expected is None:
        return False
    try:
        return fingerprint(root) != expected
    except OSError:
        return False
