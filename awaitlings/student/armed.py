"""The plugin side of an armed grading run (`-p awaitlings.student.armed --awaitlings-go FILE`).

`awaitlings watch` starts the next run before the student saves: pytest's start-up and
collection do not depend on the student's file. This plugin holds that run after collection
until FILE appears (the next save writes it, holding the run's time limit), bounds the run from
then on, and ends it if `watch` goes away.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

from awaitlings import processes


def pytest_addoption(parser: Any) -> None:
    parser.getgroup("awaitlings").addoption(
        "--awaitlings-go", default=None, help="(awaitlings watch) after collection, wait for this file"
    )
    parser.getgroup("awaitlings").addoption(
        "--awaitlings-parent", type=int, default=None, help="(awaitlings watch) stop waiting if this pid is gone"
    )


def pytest_collection_finish(session: Any) -> None:
    """In an armed run: wait for the go signal (its text: the run's time limit in seconds)."""
    go = session.config.getoption("awaitlings_go", None)
    if not go or hasattr(session.config, "workerinput"):
        return
    path = Path(go)
    parent = session.config.getoption("awaitlings_parent", None) or os.getppid()
    while not path.exists():
        if os.getppid() != parent:  # `watch` is gone: nobody will ever read the results
            os._exit(0)
        time.sleep(0.01)
    try:
        limit = float(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        limit = 600.0

    def watchdog() -> None:
        time.sleep(limit)
        sys.stderr.write(f"\n[awaitlings watch] grading did not finish within {limit:g} s\n")
        processes.kill_descendants()
        os._exit(3)

    threading.Thread(target=watchdog, name="awaitlings-watch-limit", daemon=True).start()
