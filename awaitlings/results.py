"""The results format: a superset of Exercism's test-runner results (version 3).

One grading run writes one JSON document. Exercism's fields (`version`, `status`, `message`,
`tests[].name/status/message/output/test_code/task_id`) are kept as they are; awaitlings adds
points per test, per task and per exercise. Editors, the Classroom job summary, `verify`,
`watch` and `regrade` all read this one format.

A task is passed when every one of its tests ran and passed; an exercise when all its tasks
passed. Points are per task.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from awaitlings.manifest import Course, Exercise

Status = Literal["pass", "fail", "error"]
SCHEMA_VERSION = 3


@dataclass
class TestResult:
    name: str  # pytest node id
    status: Status
    message: str | None
    output: str | None
    test_code: str
    task_id: int | None
    exercise: str | None
    points: int = 0  # the task's points if this test's task passed, else 0
    variant: str | None = None  # with --variants: which submission this test graded


@dataclass
class TaskResult:
    id: int
    title: str
    status: Status
    points: int
    max_points: int
    tests: int


@dataclass
class ExerciseResult:
    id: str
    number: int
    title: str
    status: Literal["pass", "fail", "error", "not run"]
    points: int
    max_points: int
    message: str | None  # the first failure, for summaries
    hint_command: str
    tasks: list[TaskResult] = field(default_factory=list)
    # sha256 of the exercise file when it was graded: progress that sticks across runs, and
    # "changed since graded" once the file is edited (None: not recorded).
    source_sha256: str | None = None


@dataclass
class Results:
    version: int
    status: Status
    message: str | None
    target: str
    points: int
    max_points: int
    exercises: list[ExerciseResult]
    tests: list[TestResult]
    tampered: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    def exercise(self, module: str) -> ExerciseResult | None:
        return next((e for e in self.exercises if e.id == module), None)


def build(
    course: Course,
    tests: list[TestResult],
    *,
    target: str,
    expected: Mapping[str, tuple[str, int] | tuple[str, int, str | None]] | None = None,
    message: str | None = None,
) -> Results:
    """Aggregate test results into tasks and exercises.

    `expected` maps every collected test id to (exercise, task): a test that was collected but
    has no result (the run was cut short) counts as failed.
    """
    by_id = {t.name: t for t in tests}
    for name, entry in (expected or {}).items():
        if name not in by_id:
            exercise, task = entry[0], entry[1]
            by_id[name] = TestResult(
                name=name,
                status="error",
                message="This test did not run to the end.",
                output=None,
                test_code="",
                task_id=task,
                exercise=exercise,
                variant=entry[2] if len(entry) > 2 else None,
            )
    all_tests = list(by_id.values())
    exercises = [_exercise_result(ex, all_tests) for ex in course.exercises]
    for test in all_tests:
        ex_result = next((e for e in exercises if e.id == test.exercise), None)
        found = next((t for t in ex_result.tasks if t.id == test.task_id), None) if ex_result else None
        test.points = found.points if found and found.status == "pass" else 0
    ran = [e for e in exercises if e.status != "not run"]
    status: Status = "pass" if ran and all(e.status == "pass" for e in ran) else "fail"
    if message:
        status = "error"
    return Results(
        version=SCHEMA_VERSION,
        status=status,
        message=message,
        target=target,
        points=sum(e.points for e in exercises),
        max_points=course.points,
        exercises=exercises,
        tests=all_tests,
    )


def _exercise_result(ex: Exercise, tests: list[TestResult]) -> ExerciseResult:
    mine = [t for t in tests if t.exercise == ex.module]
    tasks = []
    for task in ex.tasks:
        of_task = [t for t in mine if t.task_id == task.id]
        passed = bool(of_task) and all(t.status == "pass" for t in of_task)
        tasks.append(
            TaskResult(
                id=task.id,
                title=task.title,
                status="pass" if passed else "fail",
                points=task.points if passed else 0,
                max_points=task.points,
                tests=len(of_task),
            )
        )
    first_failure = next((t.message for t in mine if t.status != "pass"), None)
    if not mine:
        status: Literal["pass", "fail", "error", "not run"] = "not run"
    elif all(t.status == "pass" for t in tasks):
        status = "pass"
    elif any(t.status == "error" for t in mine) and not any(t.status == "pass" for t in mine):
        status = "error"
    else:
        status = "fail"
    return ExerciseResult(
        id=ex.module,
        number=ex.number,
        title=ex.title,
        status=status,
        points=sum(t.points for t in tasks),
        max_points=ex.points,
        message=first_failure,
        hint_command=f"awaitlings hint {ex.number}",
        tasks=tasks,
    )


def by_variant(course: Course, res: Results) -> dict[str, Results]:
    """Split a `--variants` run into one `Results` per variant."""
    groups: dict[str, list[TestResult]] = {}
    for test in res.tests:
        if test.variant is not None:
            groups.setdefault(test.variant, []).append(test)
    return {name: build(course, tests, target=name) for name, tests in groups.items()}


def file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def stamp(res: Results, directory: Path) -> Results:
    """Record, for every exercise this run graded, the hash of the file it graded."""
    for ex in res.exercises:
        if ex.status != "not run":
            ex.source_sha256 = file_sha256(directory / f"{ex.id}.py")
    return res


def merge(course: Course, previous: Results | None, current: Results) -> Results:
    """The progress store: this run's exercises replace their earlier results; exercises this
    run did not grade keep theirs (grading ex02 alone keeps ex01 done)."""
    if previous is None:
        return current
    graded_now = {e.id for e in current.exercises if e.status != "not run"}
    kept = [t for t in previous.tests if t.exercise not in graded_now]
    merged = build(
        course,
        kept + [t for t in current.tests if t.exercise in graded_now],
        target=current.target,
        message=current.message,
    )
    for ex in merged.exercises:
        source = current if ex.id in graded_now else previous
        before = source.exercise(ex.id)
        ex.source_sha256 = before.source_sha256 if before is not None else None
    merged.tampered = current.tampered
    return merged


def changed_since_graded(res: Results, directory: Path) -> set[str]:
    """Exercises whose file differs from the one their stored result graded."""
    return {
        e.id
        for e in res.exercises
        if e.status != "not run"
        and e.source_sha256 is not None
        and file_sha256(directory / f"{e.id}.py") != e.source_sha256
    }


def load_or_none(path: Path) -> Results | None:
    """The stored results, or None when there are none (or they are from an older format)."""
    try:
        return load(path)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def load(path: Path) -> Results:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    exercises = [ExerciseResult(**{**e, "tasks": [TaskResult(**t) for t in e["tasks"]]}) for e in data["exercises"]]
    tests = [TestResult(**t) for t in data["tests"]]
    return Results(**{**data, "exercises": exercises, "tests": tests})
