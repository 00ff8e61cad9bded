"""Notices student code that replaces the clocks or the grader's own functions.

The grader never relies on these names (it keeps its own references, see `clocks`), so
patching them cannot fake a pass; but a patched `time.monotonic` would break every later test,
so it is restored and the test that did it fails with an explanation.
"""

from __future__ import annotations

import asyncio
import time
from types import ModuleType
from typing import Any

import awaitlings.fakes
import awaitlings.probes
import awaitlings.runner

_GUARDED: list[tuple[ModuleType, str]] = [
    (time, "monotonic"),
    (time, "perf_counter"),
    (time, "time"),
    (time, "sleep"),
    (time, "monotonic_ns"),
    (time, "perf_counter_ns"),
    (asyncio, "sleep"),
    (asyncio, "gather"),
    (asyncio, "wait_for"),
    (asyncio, "get_running_loop"),
    (asyncio.BaseEventLoop, "time"),
    (asyncio.BaseEventLoop, "call_later"),
    (asyncio.BaseEventLoop, "call_at"),
]
for _module in (awaitlings.probes, awaitlings.runner, awaitlings.fakes):
    for _name in dir(_module):
        if not _name.startswith("__") and callable(getattr(_module, _name)):
            _GUARDED.append((_module, _name))

_ORIGINALS: dict[tuple[int, str], Any] = {(id(owner), name): getattr(owner, name) for owner, name in _GUARDED}


def _label(owner: Any, name: str) -> str:
    return f"{getattr(owner, '__name__', type(owner).__name__)}.{name}"


def check_and_restore() -> list[str]:
    """Names that were replaced since start-up; they are put back."""
    changed = []
    for owner, name in _GUARDED:
        original = _ORIGINALS[(id(owner), name)]
        if getattr(owner, name, None) is not original:
            changed.append(_label(owner, name))
            setattr(owner, name, original)
    return changed
