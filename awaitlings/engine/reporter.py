"""The controller's reporter: it keeps every test's result as it arrives, writes the results
JSON when the session ends, and draws the box last.

A class holding its own state, handed to pytest as a plugin (as Exercism's test runner keeps
its reporter). The plugin registers one in the process that owns the results: xdist's
controller, or the only process of a run without xdist.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from awaitlings import results, state
from awaitlings.engine.statefolder import StateFolder
from awaitlings.manifest import ROOT, course

OUTPUT_LIMIT = 20_000  # characters of captured output kept per test: megabytes help nobody

CRASHED = (
    "The test process ended abruptly while running your code: it called os._exit(), "
    "crashed the interpreter, or was killed. Exercise code must not end the process; "
    "return normally or raise an exception. The other exercises were graded as usual."
)


class ResultsReporter:
    def __init__(self, config: pytest.Config, folder: StateFolder, graded_directory: Path) -> None:
        self.config = config
        self.folder = folder
        self.graded_directory = graded_directory  # stamped into the results (the files' hashes)
        self.reports: dict[str, results.TestResult] = {}
        self.results: results.Results | None = None

    # -- as tests report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = dict(report.user_properties)
        exercise = props.get("awaitlings_exercise")
        if exercise is None:
            return
        previous = self.reports.get(report.nodeid)
        if report.failed:
            status: results.Status = "fail" if report.when == "call" else "error"
        elif report.skipped:
            status = "fail"  # a skip is not a pass
        else:
            status = "pass"
        if previous is not None and previous.status != "pass" and status == "pass":
            return  # a later phase (teardown) passing does not undo a failure
        if previous is not None and report.when == "teardown" and status == "pass":
            return
        crash = self.folder.crash(report.nodeid)
        if crash.exists():
            # The test outlived its limit: its worker wrote why, then killed what it started and
            # exited. Whatever the test reported in that moment (a pool whose workers were just
            # killed) is a consequence, not the verdict.
            status = "fail"
            report.longrepr = crash.read_text(encoding="utf-8")
        self.reports[report.nodeid] = results.TestResult(
            name=report.nodeid,
            status=status,
            message=_longrepr_text(report) if status != "pass" else None,
            output=_capped(report.capstdout) if hasattr(report, "capstdout") else None,
            test_code=str(props.get("awaitlings_code", previous.test_code if previous else "")),
            task_id=int(str(props["awaitlings_task"])) if "awaitlings_task" in props else None,
            exercise=str(exercise),
            variant=str(props["awaitlings_variant"]) if props.get("awaitlings_variant") is not None else None,
        )

    @pytest.hookimpl(optionalhook=True)
    def pytest_handlecrashitem(self, crashitem: str, report: pytest.TestReport, sched: Any) -> None:
        """xdist: a worker died in `crashitem`; say why in words a student can use."""
        crash = self.folder.crash(crashitem)
        report.longrepr = crash.read_text(encoding="utf-8") if crash.exists() else CRASHED
        report.when = "call"
        item = self.folder.items().get(crashitem)
        if item is not None:
            exercise, task, variant = item
            report.user_properties = [
                ("awaitlings_exercise", exercise),
                ("awaitlings_task", task),
                ("awaitlings_variant", variant),
            ]

    # -- at the end

    def collected(self) -> results.Results:
        return results.build(
            course(),
            list(self.reports.values()),
            target=self.config.getoption("target"),
            expected=self.folder.items(),
        )

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        config = self.config
        if config.option.collectonly:
            return  # nothing was graded
        res = self.collected()
        path = config.getoption("results_json")
        if path is None and config.getoption("target") in ("exercises", "solutions"):
            suffix = "" if config.getoption("target") == "exercises" else "-solutions"
            path = str(state.results_file(suffix))
        if path and any(e.status != "not run" for e in res.exercises):
            out = Path(path)
            results.stamp(res, self.graded_directory)
            if config.getoption("results_json") is None and not config.getoption("variants"):
                # The student's own progress store: merged per exercise across runs.
                res = results.merge(course(), results.load_or_none(out), res)
            out.parent.mkdir(parents=True, exist_ok=True)
            tmp = out.with_suffix(".tmp")
            tmp.write_text(res.to_json(), encoding="utf-8")
            tmp.replace(out)
        self.results = res

    def pytest_terminal_summary(self, terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
        if config.getoption("no_progress") or self.results is None:
            return
        from awaitlings.engine.progress import summary_lines

        target = config.getoption("target")
        graded = any(e.status != "not run" for e in self.results.exercises)  # else there is no box
        changed = graded and _grader_changed(config, target)
        lines = summary_lines(course(), self.results, target=target, grader_changed=changed)
        if not lines:
            return
        terminalreporter.section("awaitlings", sep="─", bold=True)
        for line in lines:
            terminalreporter.write_line(line)


def _capped(text: str) -> str | None:
    if not text:
        return None
    if len(text) <= OUTPUT_LIMIT:
        return text
    return text[:OUTPUT_LIMIT] + f"\n[... {len(text) - OUTPUT_LIMIT} more characters not shown]"


def _longrepr_text(report: pytest.TestReport) -> str:
    if report.skipped and isinstance(report.longrepr, tuple):
        return f"Skipped: {report.longrepr[2]}. A skipped test is not a passed test."
    text = str(report.longrepr) if report.longrepr is not None else "failed"
    return _capped(text.strip()) or "failed"


def _grader_changed(config: pytest.Config, target: str) -> bool:
    """A student's own run (their exercises, no --variants): do the grading files differ from
    the ones Classroom grades with? (Costs a few ms: it hashes the grading files.)"""
    if target != "exercises" or config.getoption("variants"):
        return False
    from awaitlings.pristine import differs_from_course

    return differs_from_course(ROOT)
