"""The package's layout is its architecture: imports run one way, and there is no circle.

    awaitlings/            manifest, results, state, processes, grading, cpu, probes (the base)
    awaitlings/engine/     runs inside the test process
    awaitlings/classroom/  Classroom's grading, the lock, the fingerprint, summary, regrade
    awaitlings/course/     instructor tools: generated files, verify, kept answers, template
    awaitlings/student/    the `awaitlings` command and watch

Each layer may import only the layers listed before it (`awaitlings.probes`, the stable name of
`awaitlings.engine.probes`, counts as engine). Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from awaitlings.manifest import ROOT

PACKAGE = ROOT / "awaitlings"
LAYERS = ("base", "engine", "classroom", "course", "student")
# `python -m awaitlings` is the `awaitlings` command.
STABLE_NAMES = {"awaitlings.probes": "engine", "awaitlings.__main__": "student"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    if module in STABLE_NAMES:
        return STABLE_NAMES[module]
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else "base"


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The awaitlings modules `path` imports (a `from awaitlings.x import y` of a submodule y
    counts as importing awaitlings.x.y)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("awaitlings"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("awaitlings"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
    return found - {module_name(path)}


def graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    known = {module_name(p) for p in paths}
    return {module_name(p): {m for m in imports_of(p, known) if m in known} for p in paths}


def test_every_module_sits_in_a_layer():
    assert {layer(m) for m in graph()} <= set(LAYERS)


def test_imports_run_only_downward():
    upward = [
        f"{module} ({layer(module)}) imports {target} ({layer(target)})"
        for module, targets in graph().items()
        for target in sorted(targets)
        if LAYERS.index(layer(target)) > LAYERS.index(layer(module))
    ]
    assert upward == []


def test_no_import_circle():
    g = graph()
    # A package's __init__ importing nothing, edges to a package mean its __init__ only.
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(g.get(node, ())):
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(g):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_the_engine_and_the_base_know_nothing_of_the_rooms():
    rooms = {"classroom", "course", "student"}
    leaks = [
        f"{m} imports {t}"
        for m, ts in graph().items()
        if layer(m) in {"base", "engine"}
        for t in ts
        if layer(t) in rooms
    ]
    assert leaks == []
