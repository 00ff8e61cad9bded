"""Child processes that student code leaves behind (process pools, subprocesses).

A grading worker that is about to end (a hung test) kills its descendants first, so nothing
it started outlives it. The process tree comes from psutil, so this works on Linux, macOS and
Windows alike; only `become_subreaper` is Linux-only.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

# psutil ships no type hints (types-psutil has them; `unused-ignore` keeps this line valid then).
import psutil  # type: ignore[import-untyped, unused-ignore]

ProcessTable = dict[int, list["psutil.Process"]]  # parent pid -> its children


def process_table() -> ProcessTable:
    """One pass over the whole process table: who is whose child, at one moment."""
    under: ProcessTable = {}
    for proc in psutil.process_iter(["ppid"]):
        ppid = proc.info.get("ppid")
        if ppid is not None:
            under.setdefault(ppid, []).append(proc)
    return under


def _descendant_processes(pid: int | None = None, table: ProcessTable | None = None) -> list[psutil.Process]:
    """Every descendant of `pid` (default: this process), children first (breadth-first).

    Parent links followed from `pid` down, in `table` (default: a fresh `process_table()`).
    Zombies are included and followed (not skipped, as `Process.children()` does: a grading
    worker that has just exited is a zombie until reaped, and a daemon it left may hang under
    it for a moment; skipping it let such a daemon outlive grading once in five loaded runs)."""
    root = os.getpid() if pid is None else pid
    under = process_table() if table is None else table
    found: list[psutil.Process] = []
    seen = {root}
    queue = [root]
    while queue:
        for child in sorted(under.get(queue.pop(0), []), key=lambda p: p.pid):
            if child.pid not in seen:
                seen.add(child.pid)
                found.append(child)
                queue.append(child.pid)
    return found


def descendants(pid: int | None = None, table: ProcessTable | None = None) -> list[int]:
    """Every live descendant of `pid` (default: this process), children first. Several calls
    that must agree (whose is this process?) share one `table`."""
    return [proc.pid for proc in _descendant_processes(pid, table)]


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


def kill(pids: list[int]) -> None:
    """SIGKILL each of `pids` (TerminateProcess on Windows); one already gone is no error.

    On POSIX, bare `os.kill` calls back to back, which keep the GIL: psutil's kill re-reads
    each process's /proc entry (to guard against a reused pid) and so lets other threads run
    between kills. A hung test's worker kills its descendants and exits at once, and in
    between, its own test must not get to report what a killed pool worker did to it
    ("BrokenProcessPool", seen under load). Callers pass pids they found milliseconds before,
    far too young to have been reused."""
    for pid in pids:
        with contextlib.suppress(OSError, psutil.Error):
            if os.name == "posix":
                os.kill(pid, signal.SIGKILL)
            else:
                psutil.Process(pid).kill()


def kill_descendants(pid: int | None = None) -> list[int]:
    """Kill every descendant, all found first (see `kill`); return their pids."""
    victims = descendants(pid)
    kill(victims)
    return victims
