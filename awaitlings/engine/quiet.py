"""A normal run's output is the tests' own words and the awaitlings box, nothing else: no
"short test summary" repeating the box, no xdist status lines, no worker line above each
failure. `pytest -v` (or `-ra`) brings them back."""

from __future__ import annotations

from typing import Any

import pytest


class QuietOutput:
    def __init__(self, config: pytest.Config, *, grading_the_course: bool) -> None:
        self.config = config
        self.quiet = config.get_verbosity() <= 0
        if grading_the_course and self.quiet and config.option.reportchars == "fE":
            # The box lists what failed, in the tests' words; pytest's "short test summary"
            # would only repeat it below the box, scrolling it away.
            config.option.reportchars = ""

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        if self.quiet:
            # pytest heads every failure with the worker's "[gw0] linux -- Python 3.x …" line,
            # read from this cache (_pytest.reports.getworkerinfoline): no news to a student.
            node._workerinfocache = ""

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if not hasattr(self.config, "workerinput") and self.quiet:
            quiet_xdist(self.config)


def quiet_xdist(config: pytest.Config) -> None:
    """xdist's status lines ("bringing up nodes...", "[gw0] node down: ...") mean nothing to a
    student (a worker restarted after a hang is explained in the test's own message). Its
    terminal reporter is an xdist object with no switch for it, so its two writers are replaced
    on that instance; selftest/test_internals.py guards them."""
    reporter = config.pluginmanager.getplugin("terminaldistreporter")
    if reporter is None:
        return
    for name in ("write_line", "rewrite"):
        if callable(getattr(reporter, name, None)):
            setattr(reporter, name, lambda *args, **kwargs: None)
