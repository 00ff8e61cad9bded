"""The Classroom job summary: the Markdown a student reads on the Actions run's page.

One row per exercise (points, and a status: done, failing, or *not started* when the file is
still the course's stub), then a `<details>` block per failing exercise with every task's
result, the first message of each failing task in full, and the hint command. A banner names
the grading files that differ from the course's.
"""

from __future__ import annotations

import html

from awaitlings.manifest import Course
from awaitlings.results import Results


def table_cell(text: str | None) -> str:
    """Any text as one GitHub Markdown table cell: HTML escaped, `|` escaped, lines as <br>."""
    if not text:
        return ""
    lines = [html.escape(line.rstrip(), quote=False).replace("|", "\\|") for line in text.strip().splitlines()]
    return "<br>".join(lines)


def markdown_summary(
    c: Course,
    res: Results,
    *,
    tampered: bool | list[str] = False,
    not_started: set[str] | frozenset[str] = frozenset(),
    pristine: bool = False,
) -> str:
    """`tampered`: True, or the changed grading files; `not_started`: modules still equal to
    their stub; `pristine`: points came from the course's own grading files (student edits to
    them were ignored)."""
    lines = [f"## awaitlings: {res.points}/{res.max_points} points", ""]
    if tampered:
        named = tampered if isinstance(tampered, list) else []
        files = "".join(f"\n> - `{name}`" for name in named[:40])
        more = f"\n> - … and {len(named) - 40} more" if len(named) > 40 else ""
        if pristine:
            lines += [
                "> [!NOTE]",
                "> These grading files differ from the course's. They were **not used**: this run "
                f"graded your `exercises/` with the course's own tests.{files}{more}",
                "",
            ]
        else:
            lines += [
                "> [!WARNING]",
                "> The grading files (tests/, info.toml, awaitlings/, conftest.py, pyproject.toml) "
                "differ from the course's. These points cannot be trusted; your instructor regrades "
                f"with the original tests.{files}{more}",
                "",
            ]
    lines += ["| # | exercise | points | status |", "| ---: | --- | ---: | --- |"]
    failing = []
    for ex in c.exercises:
        e = res.exercise(ex.module)
        pts = f"{e.points if e else 0}/{ex.points}"
        if e is None or e.status == "not run":
            status = "⚪ not graded"
        elif e.status == "pass":
            status = "✅ done"
        elif ex.module in not_started:
            status = "⚪ not started"
        else:
            passed = sum(1 for t in e.tasks if t.status == "pass")
            status = f"❌ failing ({passed}/{len(e.tasks)} tasks pass)"
            failing.append(ex)
        lines.append(f"| {ex.number} | {table_cell(ex.short + ' ' + ex.title)} | {pts} | {status} |")
    for ex in failing:
        e = res.exercise(ex.module)
        assert e is not None
        lines += [
            "",
            f"<details><summary><b>{html.escape(ex.short)} {html.escape(ex.title)}</b>: "
            f"{e.points}/{ex.points} points</summary>",
            "",
            "| task | result | points | first message |",
            "| ---: | --- | ---: | --- |",
        ]
        for task in e.tasks:
            first = next(
                (
                    t.message
                    for t in res.tests
                    if t.exercise == ex.module and t.task_id == task.id and t.status != "pass"
                ),
                None,
            )
            mark = "✅ pass" if task.status == "pass" else "❌ fail"
            lines.append(
                f"| {task.id} | {mark}: {table_cell(task.title)} | {task.points}/{task.max_points} | "
                f"{table_cell(first) if task.status != 'pass' else ''} |"
            )
        lines += [
            "",
            f"Stuck? `awaitlings hint {ex.number}` shows a hint (run it again for the next one).",
            "",
            "</details>",
        ]
    lines += ["", "Run `pytest` locally to see every message; `awaitlings watch` re-runs on each save."]
    return "\n".join(lines) + "\n"
