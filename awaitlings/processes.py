"""Child processes that student code leaves behind (process pools, subprocesses).

A grading worker that is about to end (a hung test) kills its descendants first, so nothing
it started outlives it. Linux reads `/proc`; elsewhere this is a no-op.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from pathlib import Path


def descendants(pid: int | None = None) -> list[int]:
    """Every live descendant of `pid` (default: this process), children first."""
    root = os.getpid() if pid is None else pid
    children: dict[int, list[int]] = {}
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: split after the last ')'.
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: list[int] = []
    queue = [root]
    while queue:
        for child in children.get(queue.pop(0), []):
            found.append(child)
            queue.append(child)
    return found


PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Linux: orphaned descendants (a daemon that double-forked away from its parent) are
    re-parented to this process instead of init, so they can still be found and killed."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def kill_descendants(pid: int | None = None) -> list[int]:
    """SIGKILL every descendant; return their pids."""
    victims = descendants(pid)
    for child in victims:
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGKILL)
    return victims
