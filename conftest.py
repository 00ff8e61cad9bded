"""Loads the grader plugin for every pytest run in this repository (no install needed)."""

import importlib.util

# A pytest from outside the course's environment lacks the grader's plugins and would only say
# "unrecognized arguments: -n ...": say in one sentence what to do instead.


def _missing(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is None
    except (ImportError, ValueError):  # ValueError: blocked in sys.modules
        return True


_MISSING = [name for name in ("xdist", "pytest_timeout", "pytest_socket", "fastapi", "httpx") if _missing(name)]
if _MISSING:
    raise SystemExit(
        "awaitlings: this pytest is not the course's own (missing: " + ", ".join(_MISSING) + "). "
        "Activate the course's environment first: `source .venv/bin/activate` "
        "(or run `.venv/bin/pytest`); the README's Quick start creates it."
    )

pytest_plugins = ["awaitlings.engine.plugin"]
