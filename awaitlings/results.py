"""The results format: a superset of Exercism's test-runner results (version 3).

One grading run writes one JSON document. Exercism's fields (`version`, `status`, `message`,
`tests[].name/status/message/output/test_code/task_id`) are kept as they are; awaitlings adds
points per test, per task and per exercise. Editors, the Classroom job summary, `verify`,
`watch` and `regrade` all read this one format.

A task is passed when every one of its tests ran and passed; an exercise when all its tasks
passed. Points are per task.
"""

from __future__ import annotations

import json
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
    expected: dict[str, tuple[str, int] | tuple[str, int, str | None]] | None = None,
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
                name=name, status="error", message="This test did not run to the end.",
                output=None, test_code="", task_id=task, exercise=exercise,
                variant=entry[2] if len(entry) > 2 else None,
            )
    all_tests = list(by_id.values())
    exercises = [_exercise_result(ex, all_tests) for ex in course.exercises]
    for test in all_tests:
        ex_result = next((e for e in exercises if e.id == test.exercise), None)
        task = next((t for t in ex_result.tasks if t.id == test.task_id), None) if ex_result else None
        test.points = task.points if task and task.status == "pass" else 0
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
                id=task.id, title=task.title, status="pass" if passed else "fail",
                points=task.points if passed else 0, max_points=task.points, tests=len(of_task),
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
        id=ex.module, number=ex.number, title=ex.title, status=status,
        points=sum(t.points for t in tasks), max_points=ex.points, message=first_failure,
        hint_command=f"awaitlings hint {ex.number}", tasks=tasks,
    )


def by_variant(course: Course, res: Results) -> dict[str, Results]:
    """Split a `--variants` run into one `Results` per variant."""
    groups: dict[str, list[TestResult]] = {}
    for test in res.tests:
        if test.variant is not None:
            groups.setdefault(test.variant, []).append(test)
    return {name: build(course, tests, target=name) for name, tests in groups.items()}


def load(path: Path) -> Results:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    exercises = [
        ExerciseResult(**{**e, "tasks": [TaskResult(**t) for t in e["tasks"]]})
        for e in data["exercises"]
    ]
    tests = [TestResult(**t) for t in data["tests"]]
    return Results(**{**data, "exercises": exercises, "tests": tests})
