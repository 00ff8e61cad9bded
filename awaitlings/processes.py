"""Child processes that student code leaves behind (process pools, subprocesses).

A grading worker that is about to end (a hung test) kills its descendants first, so nothing
it started outlives it. The process tree comes from psutil, so this works on Linux, macOS and
Windows alike; only `become_subreaper` is Linux-only.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys

# psutil ships no type hints (types-psutil has them; `unused-ignore` keeps this line valid then).
import psutil  # type: ignore[import-untyped, unused-ignore]


def _descendant_processes(pid: int | None = None) -> list[psutil.Process]:
    """Every descendant of `pid` (default: this process), children first (breadth-first).

    Zombies are included where the platform can still name them (Linux, like the `/proc`
    scan this replaces): a zombie is a child that was not reaped yet, and callers reap it.
    """
    root = os.getpid() if pid is None else pid
    try:
        # One scan of the whole process table, with psutil's guard against reused pids
        # (a "child" older than its parent is not one).
        found: list[psutil.Process] = psutil.Process(root).children(recursive=True)
    except psutil.Error:  # the root itself is gone (or not ours to look at)
        return []
    if not found:
        return found
    # psutil walks the tree depth-first; put it back in breadth-first order (parents before
    # their children, children of the root first). One small read per descendant.
    under: dict[int, list[psutil.Process]] = {}
    strays: list[psutil.Process] = []
    for proc in found:
        try:
            under.setdefault(proc.ppid(), []).append(proc)
        except psutil.NoSuchProcess:  # ended since the scan (and was reaped): not live
            continue
        except psutil.Error:  # cannot tell its parent now: keep it, last
            strays.append(proc)
    ordered: list[psutil.Process] = []
    queue = [root]
    while queue:
        for child in sorted(under.pop(queue.pop(0), []), key=lambda p: p.pid):
            ordered.append(child)
            queue.append(child.pid)
    # Re-parented since the scan (its parent died; it went to a subreaper or init): still
    # one of ours as far as the scan could tell.
    for rest in under.values():
        ordered += sorted(rest, key=lambda p: p.pid)
    return ordered + strays


def descendants(pid: int | None = None) -> list[int]:
    """Every live descendant of `pid` (default: this process), children first."""
    return [proc.pid for proc in _descendant_processes(pid)]


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
    """Kill every descendant (SIGKILL; TerminateProcess on Windows); return their pids.

    psutil checks each pid still names the process that was found, so a pid reused in the
    meantime by an unrelated process is never killed."""
    victims = _descendant_processes(pid)
    for child in victims:
        with contextlib.suppress(psutil.Error):
            child.kill()
    return [child.pid for child in victims]
