"""The course folder's state folder, `.awaitlings/`: the one definition of each path in it."""

from __future__ import annotations

from pathlib import Path

from awaitlings.manifest import ROOT

STATE_DIR = ROOT / ".awaitlings"
HINTS_SEEN = STATE_DIR / "hints.json"
GRADE_DIR = STATE_DIR / "grade"


def results_file(suffix: str = "") -> Path:
    """The progress store of a run; `suffix` keeps a run on another target apart (`-solutions`)."""
    return STATE_DIR / f"results{suffix}.json"


# The progress store: every exercise's latest grading, merged across runs (see results.merge).
RESULTS = results_file()
