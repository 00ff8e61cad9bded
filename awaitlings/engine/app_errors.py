"""Errors raised inside the student's app, recorded where every Starlette app's outermost layer
sees them, so a failed test can say *why* a route answered 500 (or a lifespan failed), naming
the student's line, whichever client or server the test used.

Starlette's `ServerErrorMiddleware` (the outermost middleware of every Starlette and FastAPI
app) answers 500 and then re-raises; `install()` wraps its `__call__` to note the exception on
the way out. `selftest/test_explainer.py` checks that this still sees a route's error.
"""

from __future__ import annotations

import threading
from typing import Any

_lock = threading.Lock()
_errors: list[BaseException] = []
_installed = False

# Raised on purpose by the grader or the framework: not the student's mistake to explain.
_EXPECTED_NAMES = frozenset({"ServiceError", "HTTPException", "CancelledError", "ClientDisconnect"})


def install() -> None:
    """Wrap `ServerErrorMiddleware.__call__` once per process (idempotent)."""
    global _installed
    if _installed:
        return
    try:
        from starlette.middleware.errors import ServerErrorMiddleware
    except ImportError:  # no Starlette: nothing to record
        return
    original = ServerErrorMiddleware.__call__

    async def recording_call(self: Any, scope: Any, receive: Any, send: Any) -> None:
        try:
            await original(self, scope, receive, send)
        except Exception as exc:
            record(exc)
            raise

    ServerErrorMiddleware.__call__ = recording_call  # type: ignore[method-assign]
    _installed = True


def record(exc: BaseException) -> None:
    if type(exc).__name__ in _EXPECTED_NAMES:
        return
    with _lock:
        if len(_errors) < 20:
            _errors.append(exc)


def reset() -> None:
    with _lock:
        _errors.clear()


def take() -> list[BaseException]:
    """The errors recorded since the last `reset()`, and forget them."""
    with _lock:
        taken = list(_errors)
        _errors.clear()
    return taken
