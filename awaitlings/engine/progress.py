"""The few lines a student sees after every `pytest` run: where they are and what is next."""

from __future__ import annotations

import textwrap

from awaitlings.manifest import Course
from awaitlings.results import Results

BAR_WIDTH = 20
CHANGED_GRADER = (
    "Warning: the tests or the grader differ from the course's (tests/, conftest.py, awaitlings/, "
    "info.toml or pyproject.toml): points here may not be the points Classroom gives. "
    "`git diff` shows what changed."
)


def bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    filled = round(width * done / total) if total else 0
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def summary_lines(course: Course, res: Results, *, target: str, grader_changed: bool = False) -> list[str]:
    """The box's lines; `grader_changed`: the grading files differ from the ones Classroom uses."""
    ran = [e for e in res.exercises if e.status != "not run"]
    if not ran:
        return []
    passed = [e for e in res.exercises if e.status == "pass"]
    total = len(course.exercises)
    lines = [
        f"{bar(len(passed), total)} {len(passed)}/{total} exercises done, "
        f"{res.points}/{res.max_points} points" + ("" if len(ran) == total else f" ({len(ran)} of them graded so far)"),
    ]
    if grader_changed:
        lines.append(CHANGED_GRADER)
    if target != "exercises":
        lines.append(f"(graded: {target})")
    upcoming = next((e for e in res.exercises if e.status in ("fail", "error")), None)
    if upcoming is None:
        upcoming = next((e for e in res.exercises if e.status == "not run"), None)
        if upcoming is None:
            lines.append("Every exercise passes. Well done!")
            return lines
        lines.append(f"Next up: run `pytest` to grade the rest (next: {upcoming.id}).")
        return lines
    ex = course.find(upcoming.id)
    lines.append(f"Next up: {ex.short} {ex.title}  ->  {ex.exercise_file}")
    if upcoming.message:
        first = upcoming.message.strip().splitlines()[0]
        lines.extend(f"  {part}" for part in textwrap.wrap(first, 100)[:3])
    lines.append(f"  Stuck? `awaitlings hint {ex.number}` shows a hint.")
    return lines
