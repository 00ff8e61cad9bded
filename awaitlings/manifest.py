"""The course manifest (`info.toml`): exercise order, points, tasks, hints and timing data.

Everything else that lists exercises (the progress summary, `verify`, hints, the Classroom
workflow, README tables) is derived from this one file.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any


def find_root(start: Path | None = None) -> Path:
    """The course folder: `$AWAITLINGS_COURSE` if set; else the nearest folder from the current
    one upwards that holds `info.toml` and `exercises/` (so an installed wheel works from the
    course folder); else the folder around this package (a checkout, installed editable)."""
    if os.environ.get("AWAITLINGS_COURSE"):
        return Path(os.environ["AWAITLINGS_COURSE"]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "info.toml").is_file() and (folder / "exercises").is_dir():
            return folder
    return Path(__file__).resolve().parent.parent


ROOT = find_root()
MANIFEST_PATH = ROOT / "info.toml"
MODULE_RE = re.compile(r"^ex(\d{2})_[a-z0-9_]+$")


class ManifestError(ValueError):
    """The manifest is malformed; the message says where."""


@dataclass(frozen=True)
class Task:
    id: int
    title: str
    points: int


@dataclass(frozen=True)
class Exercise:
    number: int  # 1-based position in the course
    module: str  # also the exercise id, e.g. "ex01_first_coroutine"
    title: str
    topic: str
    hints: tuple[str, ...]
    tasks: tuple[Task, ...]
    timeout: float | None = None  # seconds per test; None: the course default
    timing: dict[str, Any] = field(default_factory=dict)

    @property
    def points(self) -> int:
        return sum(task.points for task in self.tasks)

    @property
    def short(self) -> str:
        """The id students type: `ex01`."""
        return self.module.split("_", 1)[0]

    @property
    def exercise_file(self) -> str:
        return f"exercises/{self.module}.py"

    @property
    def solution_file(self) -> str:
        return f"solutions/{self.module}.py"

    @property
    def test_file(self) -> str:
        return f"tests/test_{self.module}.py"

    def task(self, task_id: int) -> Task:
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(f"{self.module} has no task {task_id}")


@dataclass(frozen=True)
class Course:
    name: str
    test_timeout: float
    exercises: tuple[Exercise, ...]

    @property
    def points(self) -> int:
        return sum(ex.points for ex in self.exercises)

    def find(self, key: str | int) -> Exercise:
        """Look an exercise up by number (`3`), short id (`ex03`) or module name."""
        text = str(key).strip().lower().removesuffix(".py")
        text = text.rsplit("/", 1)[-1].removeprefix("test_")
        for ex in self.exercises:
            if text in (str(ex.number), f"{ex.number:02d}", ex.short, ex.module):
                return ex
        raise KeyError(f"no exercise {key!r}: try `awaitlings list`")

    def by_module(self, module: str) -> Exercise | None:
        return next((ex for ex in self.exercises if ex.module == module), None)

    def timeout_for(self, ex: Exercise) -> float:
        return ex.timeout if ex.timeout is not None else self.test_timeout


def _require(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in table:
        raise ManifestError(f"{where}: missing `{key}`")
    value = table[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ManifestError(f"{where}: `{key}` must be {kind.__name__}, not {value!r}")
    return value


def parse(data: dict[str, Any]) -> Course:
    course = data.get("course", {})
    exercises: list[Exercise] = []
    seen: set[str] = set()
    for number, raw in enumerate(data.get("exercises", []), start=1):
        where = f"info.toml exercise #{number}"
        module = _require(raw, "module", str, where)
        where = f"info.toml [{module}]"
        match = MODULE_RE.match(module)
        if not match:
            raise ManifestError(f"{where}: module must look like ex01_some_name")
        if int(match.group(1)) != number:
            raise ManifestError(f"{where}: is exercise {number} in course order; name it ex{number:02d}_…")
        if module in seen:
            raise ManifestError(f"{where}: listed twice")
        seen.add(module)
        tasks = []
        for raw_task in _require(raw, "tasks", list, where):
            task = Task(
                id=_require(raw_task, "id", int, f"{where} task"),
                title=_require(raw_task, "title", str, f"{where} task"),
                points=_require(raw_task, "points", int, f"{where} task"),
            )
            if task.points < 1:
                raise ManifestError(f"{where} task {task.id}: points must be at least 1")
            tasks.append(task)
        if not tasks:
            raise ManifestError(f"{where}: needs at least one task")
        if [t.id for t in tasks] != list(range(1, len(tasks) + 1)):
            raise ManifestError(f"{where}: task ids must be 1, 2, 3, … in order")
        hints = tuple(_require(raw, "hints", list, where))
        timeout = raw.get("timeout")
        exercises.append(
            Exercise(
                number=number,
                module=module,
                title=_require(raw, "title", str, where),
                topic=_require(raw, "topic", str, where),
                hints=hints,
                tasks=tuple(tasks),
                timeout=float(timeout) if timeout is not None else None,
                timing=dict(raw.get("timing", {})),
            )
        )
    return Course(
        name=str(course.get("name", "awaitlings")),
        test_timeout=float(course.get("test_timeout", 20)),
        exercises=tuple(exercises),
    )


def load(path: Path = MANIFEST_PATH) -> Course:
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        raise ManifestError(
            f"no course here: {path} is missing. Run awaitlings from the course folder "
            "(the one with info.toml and exercises/), or set AWAITLINGS_COURSE."
        ) from None
    with fh:
        return parse(tomllib.load(fh))


@cache
def course() -> Course:
    """The repository's course, read once per process."""
    return load()
