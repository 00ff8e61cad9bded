"""Files derived from the manifest, and the check that they have not drifted from it.

- README.md: the exercise table between `<!-- exercises:start -->` and `<!-- exercises:end -->`.
- .github/workflows/classroom.yml: the GitHub Classroom workflow (`awaitlings.classroom.workflow`).
"""

from __future__ import annotations

from pathlib import Path

from awaitlings.manifest import ROOT, Course, course

README = ROOT / "README.md"
START, END = "<!-- exercises:start -->", "<!-- exercises:end -->"


def readme_table(c: Course) -> str:
    lines = [
        "| # | exercise | topic | tasks | points |",
        "| ---: | --- | --- | ---: | ---: |",
    ]
    for ex in c.exercises:
        lines.append(f"| {ex.number} | [{ex.title}]({ex.exercise_file}) | {ex.topic} | {len(ex.tasks)} | {ex.points} |")
    lines.append(f"| | **total** | | {sum(len(e.tasks) for e in c.exercises)} | **{c.points}** |")
    return "\n".join(lines)


def render_readme(text: str, c: Course) -> str:
    if START not in text or END not in text:
        raise ValueError(f"README.md needs {START} and {END} around the exercise table")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{readme_table(c)}\n{END}{tail}"


def targets(c: Course) -> dict[Path, str]:
    """Every generated file and the text it should have now."""
    from awaitlings.classroom import workflow as classroom

    files = {README: render_readme(README.read_text(encoding="utf-8"), c)}
    files[classroom.WORKFLOW] = classroom.render(c)
    return files


def write(c: Course | None = None) -> list[Path]:
    changed = []
    for path, text in targets(c or course()).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def drift(c: Course | None = None) -> list[str]:
    problems = []
    try:
        wanted = targets(c or course())
    except (OSError, ValueError) as exc:
        return [str(exc)]
    for path, text in wanted.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            problems.append(f"{path.relative_to(ROOT)} is out of date with info.toml: run `awaitlings generate`")
    return problems
