"""The GitHub Classroom workflow, generated from the manifest (`awaitlings generate`).

It follows what Classroom relies on (checked against the real classroom-resources actions):
workflow `Autograding Tests`, one job `run-autograding-tests` skipped for the Classroom bot,
one command-grader step per *task* (partial credit; id = slug of the step name), then the
grading reporter with `<ID>_RESULTS` for every step, whose `Points X/Y` notice Classroom reads.

Each grader step runs `python -m awaitlings grade EXERCISE --task N`, which runs that task's
tests in its own process group under a time limit and kills everything it started, so a hung
exercise costs only its own points and leaves nothing running. A summary step writes a table
of exercises, points, first failures and hints to the job summary.
"""

from __future__ import annotations

import re

from awaitlings.fingerprint import fingerprint
from awaitlings.manifest import ROOT, Course, Exercise, Task

WORKFLOW = ROOT / ".github" / "workflows" / "classroom.yml"
PYTHON = "3.12"  # not 3.11.0-3.11.7 / 3.12.0-3.12.1 (gh-106905); setup-python picks the newest 3.12.x
GRADE_LIMIT = 150  # seconds for one task's tests, all included; the step's own timeout is longer


def step_name(ex: Exercise, task: Task) -> str:
    return f"{ex.short} task {task.id}"


def step_id(ex: Exercise, task: Task) -> str:
    return re.sub(r"[^a-z0-9]+", "-", step_name(ex, task).lower()).strip("-")


def step_timeout_minutes(c: Course, ex: Exercise) -> int:
    return max(3, int(GRADE_LIMIT / 60) + 2)


def render(c: Course) -> str:
    fp = fingerprint()
    lines = [
        "# Generated from info.toml by `awaitlings generate`. Do not edit by hand:",
        "# `awaitlings verify` fails when this file and the manifest disagree.",
        "name: Autograding Tests",
        "on:",
        "  push:",
        "  repository_dispatch:",
        "  workflow_dispatch:",
        "permissions:",
        "  checks: write",
        "  actions: read",
        "  contents: read",
        "jobs:",
        "  run-autograding-tests:",
        "    runs-on: ubuntu-latest",
        "    if: github.actor != 'github-classroom[bot]'",
        "    timeout-minutes: 60",
        "    steps:",
        "      - name: Checkout code",
        "        uses: actions/checkout@v4",
        "      - name: Set up Python",
        "        uses: actions/setup-python@v5",
        "        with:",
        f"          python-version: '{PYTHON}'",
        "          cache: pip",
        "          cache-dependency-path: pyproject.toml",
        "      - name: Install dependencies",
        "        run: python -m pip install --disable-pip-version-check -q -e .",
        "      - name: Check that the grading files are the course's own",
        "        continue-on-error: true",
        f"        run: python -m awaitlings fingerprint --expect {fp}",
    ]
    ids = []
    for ex in c.exercises:
        for task in ex.tasks:
            sid = step_id(ex, task)
            ids.append(sid)
            lines += [
                f"      - name: {step_name(ex, task)}",
                f"        id: {sid}",
                "        uses: classroom-resources/autograding-command-grader@v1",
                "        with:",
                f"          test-name: {_quote(f'{ex.short} {ex.title} — task {task.id}: {task.title}')}",
                "          setup-command: ''",
                f"          command: python -m awaitlings grade {ex.short} --task {task.id} --limit {GRADE_LIMIT}",
                f"          timeout: {step_timeout_minutes(c, ex)}",
                f"          max-score: {task.points}",
            ]
    lines += [
        "      - name: Job summary",
        "        if: always()",
        f"        run: python -m awaitlings summary --expect {fp} >> \"$GITHUB_STEP_SUMMARY\" || true",
        "      - name: Autograding Reporter",
        "        uses: classroom-resources/autograding-grading-reporter@v1",
        "        env:",
    ]
    lines += [f"          {sid.upper()}_RESULTS: ${{{{ steps.{sid}.outputs.result }}}}" for sid in ids]
    lines += [
        "        with:",
        f"          runners: {','.join(ids)}",
        "",
    ]
    return "\n".join(lines)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
