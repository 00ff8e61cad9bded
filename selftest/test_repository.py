"""The repository agrees with itself: README and CI, generated files, the Classroom workflow,
the results schema, and the fingerprint."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from awaitlings.classroom import workflow as classroom
from awaitlings.classroom.fingerprint import fingerprint
from awaitlings.course import generated, template
from awaitlings.manifest import ROOT, course

pytestmark = pytest.mark.timeout(300)


def _quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def test_ci_runs_exactly_the_readme_commands():
    commands = _quick_start_commands()
    assert len(commands) == 2, commands
    script = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert script[-2:] == commands, f".ci/run ends with {script[-2:]}, README says {commands}"


def test_generated_files_match_the_manifest():
    assert generated.drift() == []


def test_classroom_workflow_follows_classroom_conventions():
    # The workflow's structure, runners and points: selftest/test_classroom.py.
    text = classroom.WORKFLOW.read_text()
    assert text == classroom.render(course())
    assert f"--expect {fingerprint()}" in text


def test_fingerprint_notices_an_edited_test(tmp_path):
    copy = tmp_path / "repo"
    for rel in ("tests", "awaitlings", "info.toml", "conftest.py", "pyproject.toml"):
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, copy / rel, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, copy / rel)
    assert fingerprint(copy) == fingerprint()
    test_file = copy / "tests" / "test_ex01_first_coroutine.py"
    test_file.write_text(test_file.read_text().replace("Hello, Ada!", "anything"))
    assert fingerprint(copy) != fingerprint()
    (copy / "tests" / "test_extra.py").write_text("def test_x():\n    pass\n")
    test_file.unlink()
    assert fingerprint(copy) != fingerprint()


def test_results_json_validates_against_the_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "awaitlings" / "results.schema.json").read_text())
    out = tmp_path / "results.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/test_ex01_first_coroutine.py",
            "tests/test_ex03_forgotten_await.py",
            "--results-json",
            str(out),
            "--no-progress",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    data = json.loads(out.read_text())
    jsonschema.validate(data, schema)
    assert data["version"] == 3 and data["status"] in ("pass", "fail")
    assert {t["task_id"] for t in data["tests"]} >= {1, 2}
    assert all(t["test_code"].lstrip().startswith(("@", "async def", "def")) for t in data["tests"])


def _code_lines(path):
    lines = set()
    for line in path.read_text().splitlines():
        text = line.strip()
        if len(text) >= 25 and not text.startswith(("#", "import ", "from ", '"', "'")):
            lines.add(text)
    return lines


def test_hints_never_give_away_a_solution_line():
    for ex in course().exercises:
        given = _code_lines(ROOT / ex.exercise_file)
        answer = _code_lines(ROOT / ex.solution_file) - given
        for number, hint in enumerate(ex.hints, start=1):
            leaked = [line for line in answer if line in hint]
            assert not leaked, f"{ex.short} hint {number} contains solution code: {leaked}"


def test_hint_command_shows_hints_one_at_a_time(tmp_path, monkeypatch):
    ex = course().exercises[1]
    outputs = []
    for _ in range(len(ex.hints) + 1):
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                (
                    "import sys; from pathlib import Path; from awaitlings.student import cli, commands; "
                    f"commands.STATE_DIR = Path({str(tmp_path)!r}); "
                    "commands.HINTS_SEEN = commands.STATE_DIR / 'hints.json'; "
                    f"sys.exit(cli.main(['hint', '{ex.number}']))"
                ),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        outputs.append(proc.stdout)
    assert "Hint 1/" in outputs[0] and "Hint 2/" not in outputs[0]
    assert "Hint 2/" in outputs[1]
    assert "last hint" in outputs[-1]
    assert json.loads((tmp_path / "hints.json").read_text())[ex.module] == len(ex.hints)


def test_the_codespace_installs_what_the_student_readme_says():
    # A Codespace (GitHub Classroom offers one per assignment) must set up the same environment
    # a student gets by following the template's README.
    config = json.loads((ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    install = next(line for line in template.STUDENT_README.splitlines() if line.startswith("python3 -m venv"))
    assert config["postCreateCommand"] == install
    assert not any(".devcontainer/devcontainer.json".startswith(p) for p in template.INSTRUCTOR_ONLY)
