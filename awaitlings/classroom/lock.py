"""requirements.lock: every distribution grading needs, transitively, at the version it was
tested with. The Classroom workflow, `regrade` and CI install with it; `verify` checks it."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

from awaitlings.manifest import ROOT

LOCK = ROOT / "requirements.lock"


def _dist_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_closure(project: str = "awaitlings", extras: tuple[str, ...] = ()) -> dict[str, str]:
    """Every distribution the installed project needs at run time, transitively, with the
    installed version: {normalised name: version}."""
    env = {"extra": ""}
    todo = [(project, extras)]
    seen: dict[str, str] = {}
    while todo:
        name, wanted_extras = todo.pop()
        dist = metadata.distribution(name)
        key = _dist_name(dist.metadata["Name"])
        for req_text in dist.requires or []:
            req = Requirement(req_text)
            if req.marker is not None and not any(
                req.marker.evaluate({**env, "extra": x}) for x in ("", *wanted_extras)
            ):
                continue
            dep = _dist_name(req.name)
            if dep not in seen:
                seen[dep] = metadata.version(req.name)
                todo.append((req.name, tuple(sorted(req.extras))))
        seen.setdefault(key, dist.version)
    seen.pop(_dist_name(project), None)
    return dict(sorted(seen.items()))


def lock_text() -> str:
    lines = [
        "# Every distribution awaitlings needs to grade, transitively, at the version it was tested with.",
        "# Used by the Classroom workflow's install and checked by `awaitlings regrade`.",
        "# Regenerate from an up-to-date venv: python -m awaitlings.classroom.lock --write-lock",
    ]
    lines += [f"{name}=={version}" for name, version in locked_closure().items()]
    return "\n".join(lines) + "\n"


def read_lock(path: Path = LOCK) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[_dist_name(name)] = version.strip()
    return pins


def lock_mismatches(path: Path = LOCK) -> list[str]:
    """Pinned distributions that are missing or at another version in this environment."""
    problems = []
    for name, version in read_lock(path).items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name} is not installed (the lock pins {version})")
            continue
        if have != version:
            problems.append(f"{name} {have} is installed, the lock pins {version}")
    return problems


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--write-lock"]:
        LOCK.write_text(lock_text(), encoding="utf-8")
        print(f"wrote {LOCK.relative_to(ROOT)}")
    else:
        raise SystemExit("usage: python -m awaitlings.classroom.lock --write-lock")
