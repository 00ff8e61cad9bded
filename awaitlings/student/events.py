"""What `awaitlings watch` reacts to, as events on one queue: saves in `exercises/` (watchfiles)
and lines typed on its input. Each source is a thread body that only puts events."""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import Any

Event = tuple[str, Any]
DEBOUNCE_MS = 200  # watchfiles: yield at most this long after the first change of a burst ...
STEP_MS = 40  # ... or this long after the last one


def relevant(paths: list[str]) -> bool:
    return any(p.endswith(".py") and "__pycache__" not in p for p in paths)


def watch_files(directory: Path, events: queue.Queue[Event], stop: threading.Event) -> None:
    """Thread body: put ("change", [paths]) on `events` for each burst of saves in `directory`.

    If watching cannot start (or breaks), puts ("watch-failed", reason) and returns.
    """
    try:
        import watchfiles

        for changes in watchfiles.watch(
            directory,
            watch_filter=watchfiles.PythonFilter(),
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            stop_event=stop,
            raise_interrupt=False,
            rust_timeout=500,
        ):
            paths = sorted({path for _, path in changes})
            if paths:
                events.put(("change", paths))
    except Exception as exc:
        if not stop.is_set():
            events.put(("watch-failed", f"{type(exc).__name__}: {exc}".strip()))


def read_keys(stream: Any, events: queue.Queue[Event]) -> None:
    """Thread body: one ("key", text) per line typed; ("eof", None) when input ends."""
    try:
        while True:
            line = stream.readline()
            if not line:
                break
            events.put(("key", line.strip()))
    except (OSError, ValueError):
        pass
    events.put(("eof", None))
