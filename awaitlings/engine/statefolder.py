"""The run's state folder: files the grading processes of one pytest run leave for each other.

xdist's controller makes it and hands it to its workers (a worker that dies in a hang is
replaced, and the next one must know what happened). Every file name is defined here, once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

Items = dict[str, tuple[str, int, str | None]]  # nodeid -> (exercise, task, variant)


@dataclass(frozen=True)
class StateFolder:
    path: Path

    def crash(self, nodeid: str) -> Path:
        """Why the worker running `nodeid` is about to end (a timeout), for the controller."""
        return self.path / f"crash-{hashlib.sha1(nodeid.encode()).hexdigest()[:16]}.txt"

    def hung(self, package: str, module: str) -> Path:
        """Where a test of this exercise was stopped at its limit: its later tests get less."""
        return self.path / f"hung-{package}-{module}.txt"

    def tampered(self, package: str, module: str) -> Path:
        """What this exercise's code did to the grader: every later test of it fails with it."""
        return self.path / f"tampered-{package}-{module}.txt"

    @property
    def items_file(self) -> Path:
        return self.path / "items.json"

    def write_items(self, items: Items) -> None:
        self.items_file.write_text(json.dumps(items), encoding="utf-8")

    def items(self) -> Items:
        """Every collected test's exercise, task and variant (written at collection)."""
        if not self.items_file.exists():
            return {}
        return {
            k: (v[0], int(v[1]), v[2] if len(v) > 2 else None)
            for k, v in json.loads(self.items_file.read_text(encoding="utf-8")).items()
        }
