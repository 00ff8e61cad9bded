"""Which tests run, and what each one grades: `--variants` parametrizes every test once per
kept submission, `--task N` and a variant's task list deselect the rest, and every graded test
must name a task of its exercise (`@pytest.mark.task(N)`, N from info.toml)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from awaitlings.engine.session import (
    VARIANT,
    exercise_of,
    folder,
    task_of,
    variant_of,
    variant_tasks,
)


class Selection:
    """Collection-time hooks; the config is the only state they need."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        variants = self.config.getoption("variants")
        if not variants:
            return
        module = Path(str(metafunc.definition.fspath)).stem.removeprefix("test_")
        names = sorted(d.name for d in Path(variants).iterdir() if (d / f"{module}.py").is_file())
        metafunc.fixturenames.append(VARIANT)
        metafunc.parametrize(VARIANT, names, ids=names)

    def pytest_collection_modifyitems(self, session: pytest.Session, items: list[pytest.Item]) -> None:
        only_task = self.config.getoption("task")
        if only_task is not None or self.config.getoption("variants"):
            keep = [i for i in items if self._selected(i, only_task)]
            dropped = [i for i in items if i not in keep]
            if dropped:
                self.config.hook.pytest_deselected(items=dropped)
                items[:] = keep
        mapping: dict[str, tuple[str, int, str | None]] = {}
        for item in items:
            ex = exercise_of(item)
            if ex is None:
                continue  # tooling tests and the like: not graded
            task = task_of(item)
            if task is None or task not in {t.id for t in ex.tasks}:
                raise pytest.UsageError(
                    f"{item.nodeid}: mark it with @pytest.mark.task(N), N one of "
                    f"{[t.id for t in ex.tasks]} from info.toml [{ex.module}]"
                )
            mapping[item.nodeid] = (ex.module, task, variant_of(item))
            item.user_properties.append(("awaitlings_exercise", ex.module))
            item.user_properties.append(("awaitlings_task", task))
            item.user_properties.append(("awaitlings_variant", variant_of(item)))
            try:
                code = inspect.getsource(item.function)  # type: ignore[attr-defined]
            except (OSError, TypeError, AttributeError):
                code = ""
            item.user_properties.append(("awaitlings_code", code))
        folder(self.config).write_items(mapping)

    def _selected(self, item: pytest.Item, only_task: int | None) -> bool:
        if exercise_of(item) is None:
            return True
        task = task_of(item)
        if only_task is not None and task != only_task:
            return False
        variant = variant_of(item)
        tasks = variant_tasks(self.config, variant) if variant is not None else None
        return tasks is None or task in tasks
