"""What one pytest run knows about a test item, kept on its config: the run's state folder,
the module loaders (`--target`, `--variants`), and which exercise and task the item grades.

Every part of the grader's plugin reads these through the functions here, so the stash keys
and the state folder's name are defined once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from awaitlings.engine.statefolder import StateFolder
from awaitlings.engine.targets import ModuleLoader
from awaitlings.manifest import Exercise, course

STATE_KEY = "awaitlings_state"  # workerinput key: the controller's state folder, for workers
VARIANT = "awaitlings_variant"  # the parameter `--variants` adds to every test
VARIANT_TASKS = "tasks.txt"  # in a variant's folder: the task ids it is graded on

state_key = pytest.StashKey[Path]()
loader_key = pytest.StashKey[ModuleLoader]()
variant_loaders_key = pytest.StashKey[dict[str, ModuleLoader]]()


def start(config: pytest.Config, state: Path) -> None:
    """Keep this run's state folder and make its loaders."""
    config.stash[state_key] = state
    config.stash[loader_key] = ModuleLoader(config.getoption("target"), state)
    config.stash[variant_loaders_key] = {}


def folder(config: pytest.Config) -> StateFolder:
    return StateFolder(config.stash[state_key])


def exercise_of(item: pytest.Item) -> Exercise | None:
    name = Path(str(item.fspath)).stem
    return course().by_module(name.removeprefix("test_")) if name.startswith("test_") else None


def task_of(item: pytest.Item) -> int | None:
    marker = item.get_closest_marker("task")
    return int(marker.args[0]) if marker and marker.args else None


def variant_of(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get(VARIANT) if callspec is not None else None


def variant_tasks(config: pytest.Config, variant: str) -> set[int] | None:
    """The tasks a `--variants` submission is graded on (None: all of them)."""
    path = Path(config.getoption("variants")) / variant / VARIANT_TASKS
    if not path.is_file():
        return None
    return {int(x) for x in path.read_text(encoding="utf-8").replace(" ", "").split(",") if x}


def loader_for(item: pytest.Item) -> ModuleLoader:
    """The loader for this test: its `--variants` submission, or `--target`."""
    config = item.config
    variant = variant_of(item)
    if variant is None:
        return config.stash[loader_key]
    loaders = config.stash[variant_loaders_key]
    if variant not in loaders:
        loaders[variant] = ModuleLoader(str(Path(config.getoption("variants")) / variant), config.stash[state_key])
    return loaders[variant]


def student_files(item: pytest.Item) -> tuple[str, ...]:
    """The file whose frames are "the student's code" for this test (none for tooling tests)."""
    ex = exercise_of(item)
    return () if ex is None else (str(loader_for(item).file_for(ex.module)),)


def tamper_file(item: pytest.Item, module: str) -> Path:
    return folder(item.config).tampered(loader_for(item).package, module)


def full_tracebacks(config: pytest.Config) -> bool:
    """`pytest -v` or `--tb=long`: unforeseen errors also show their whole traceback."""
    return config.get_verbosity() > 0 or config.getoption("tbstyle") == "long"
