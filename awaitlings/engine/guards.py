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

import awaitlings.probes
from awaitlings.engine import clocks, fakes, probes, runner

_GUARDED: list[tuple[ModuleType | type, str]] = [
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
for _module in (probes, awaitlings.probes, runner, fakes, clocks):
    for _name in dir(_module):
        if not _name.startswith("__") and callable(getattr(_module, _name)):
            _GUARDED.append((_module, _name))
# The methods of the grader's own classes too: `FakeAsyncService.call = fast` would fake a
# service that answers at once.
for _cls in (
    fakes.FakeAsyncService,
    fakes.SlowAPI,
    fakes.SlowDatabase,
    fakes.SlowFile,
    fakes.BlockingClient,
    fakes.Recorder,
    fakes.Call,
    clocks.VirtualClockLoop,
    clocks.RealClockLoop,
    clocks._VirtualSelector,
):
    for _name, _value in vars(_cls).items():
        if not _name.startswith("__") and (callable(_value) or isinstance(_value, (property, clocks._GuardedClock))):
            _GUARDED.append((_cls, _name))

_ORIGINALS: dict[tuple[int, str], Any] = {
    (id(owner), name): vars(owner)[name] if isinstance(owner, type) else getattr(owner, name)
    for owner, name in _GUARDED
}


def _label(owner: Any, name: str) -> str:
    return f"{getattr(owner, '__name__', type(owner).__name__)}.{name}"


def check_and_restore() -> list[str]:
    """Names that were replaced since start-up; they are put back."""
    changed = []
    for owner, name in _GUARDED:
        original = _ORIGINALS[(id(owner), name)]
        current = vars(owner).get(name) if isinstance(owner, type) else getattr(owner, name, None)
        if current is not original:
            changed.append(_label(owner, name))
            setattr(owner, name, original)
    return changed


def fakes_changed() -> list[str]:
    """Settings or records of the grader's fakes that code tried to rewrite (the writes were
    ignored); cleared for the next test."""
    changed = list(dict.fromkeys(fakes.TAMPERED))
    fakes.TAMPERED.clear()
    return changed
