"""The Classroom job summary: a Markdown table a student reads on the Actions page."""

from __future__ import annotations

from awaitlings.manifest import Course
from awaitlings.results import Results


def _cell(text: str | None, limit: int = 140) -> str:
    if not text:
        return ""
    first = text.strip().splitlines()[0]
    first = first if len(first) <= limit else first[: limit - 1] + "…"
    return first.replace("|", "\\|")


def markdown_summary(c: Course, res: Results, *, tampered: bool = False) -> str:
    lines = [f"## awaitlings: {res.points}/{res.max_points} points", ""]
    if tampered:
        lines += [
            "> [!WARNING]",
            "> The grading files (tests/, info.toml, awaitlings/, conftest.py, pyproject.toml) "
            "differ from the course's. These points cannot be trusted; your instructor regrades "
            "with the original tests.",
            "",
        ]
    lines += ["| # | exercise | points | | first failure | next step |", "| ---: | --- | ---: | :---: | --- | --- |"]
    for ex in c.exercises:
        e = res.exercise(ex.module)
        if e is None or e.status == "not run":
            mark, pts, failure, nxt = "⚪", f"0/{ex.points}", "not graded", ""
        elif e.status == "pass":
            mark, pts, failure, nxt = "✅", f"{e.points}/{e.max_points}", "", ""
        else:
            mark, pts = "❌", f"{e.points}/{e.max_points}"
            failure, nxt = _cell(e.message), f"`awaitlings hint {ex.number}`"
        lines.append(f"| {ex.number} | {ex.short} {ex.title} | {pts} | {mark} | {failure} | {nxt} |")
    lines += ["", "Run `pytest` locally to see every message; `awaitlings watch` re-runs on each save."]
    return "\n".join(lines)
