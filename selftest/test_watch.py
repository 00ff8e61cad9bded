"""`awaitlings watch`, driven as a student would: a subprocess in a copy of the repository,
keys on its stdin, solutions saved over the stubs. Assertions use exercises 1 and 2 only."""

from __future__ import annotations

import contextlib
import io
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import psutil
import pytest

from awaitlings import results
from awaitlings.grading import Graded
from awaitlings.manifest import parse
from awaitlings.student.events import watch_files
from awaitlings.student.terminal import trim_message
from awaitlings.student.watch import Watch

REPO = Path(__file__).resolve().parent.parent
KEEP = 4  # exercises copied: the first four (later ones are still being written)
EX01 = "ex01_first_coroutine"
EX02 = "ex02_await_dont_block"


# ---------------------------------------------------------------- a copy of the course


def _exercise_number(rel: str) -> int | None:
    match = re.search(r"(?:^|/)(?:test_)?ex(\d{2})_", rel)
    return int(match.group(1)) if match else None


def _trimmed_manifest(text: str) -> str:
    head, *blocks = text.split("\n[[exercises]]\n")
    trimmed = "\n[[exercises]]\n".join([head, *blocks[:KEEP]])
    assert len(parse(tomllib.loads(trimmed)).exercises) == KEEP
    return trimmed


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """The grading machinery and exercises 1-4 (stubs, solutions, tests), copied to tmp_path."""
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True)
    files = set(listed.stdout.split()) if listed.returncode == 0 else set()
    for folder in ("awaitlings", "exercises", "solutions", "tests"):
        files |= {str(p.relative_to(REPO)) for p in (REPO / folder).glob("*.py")}
    files |= {"conftest.py", "pyproject.toml", "awaitlings/py.typed"}
    dst = tmp_path / "course"
    for rel in sorted(files):
        top = rel.split("/", 1)[0]
        if top not in ("awaitlings", "exercises", "solutions", "tests", "conftest.py", "pyproject.toml"):
            continue
        number = _exercise_number(rel)
        if number is not None and number > KEEP:
            continue
        src = REPO / rel
        if src.is_file():
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / rel)
    (dst / "info.toml").write_text(
        _trimmed_manifest((REPO / "info.toml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    for module in (EX01, EX02):
        text = (dst / "exercises" / f"{module}.py").read_text(encoding="utf-8")
        assert "TODO" in text, f"{module}'s stub in the working tree is not a stub"
    return dst


def _env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_", "NO_COLOR"))}
    env.update(PYTHONPATH=str(root), PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    return env


def test_the_copy_runs_its_own_package(course_copy):
    out = subprocess.run(
        [sys.executable, "-c", "import awaitlings.manifest as m; print(m.ROOT)"],
        cwd=course_copy,
        env=_env(course_copy),
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(out.stdout.strip()) == course_copy


# ---------------------------------------------------------------- driving `awaitlings watch`


class Session:
    """`awaitlings watch` in a subprocess: type lines, wait for output."""

    def __init__(self, root: Path, *args: str) -> None:
        self.root = root
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "awaitlings", "watch", *args],
            cwd=root,
            env=_env(root),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self.lines: list[tuple[float, str]] = []
        self._new: queue.Queue[None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append((time.monotonic(), line.rstrip("\n")))
            self._new.put(None)
        self._new.put(None)

    @property
    def text(self) -> str:
        return "\n".join(line for _, line in self.lines)

    def mark(self) -> int:
        return len(self.lines)

    def wait_for(self, pattern: str, since: int = 0, timeout: float = 60) -> tuple[int, float]:
        """Index and time of the first line at or after `since` that matches `pattern`."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            for i, (when, line) in enumerate(self.lines[since:], start=since):
                if regex.search(line):
                    return i, when
            left = deadline - time.monotonic()
            if left <= 0 or (self.proc.poll() is not None and self._new.empty() and not self._reader.is_alive()):
                raise AssertionError(f"no line matching {pattern!r} after line {since}; output:\n{self.text}")
            with contextlib.suppress(queue.Empty):
                self._new.get(timeout=min(left, 0.5))

    def type(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text)
        self.proc.stdin.flush()

    def finish(self, timeout: float = 20) -> int:
        code = self.proc.wait(timeout=timeout)
        self._reader.join(5)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


@pytest.fixture
def session_factory(course_copy):
    sessions: list[Session] = []

    def start(*args: str) -> Session:
        s = Session(course_copy, *args)
        sessions.append(s)
        return s

    yield start
    for s in sessions:
        s.kill()


def _solve(root: Path, module: str) -> None:
    """Save the reference solution over the stub, the way an editor does (write in place)."""
    (root / "exercises" / f"{module}.py").write_text(
        (root / "solutions" / f"{module}.py").read_text(encoding="utf-8"), encoding="utf-8"
    )


def _leftovers(root: Path) -> list[str]:
    """Processes still running in the copy (a grading run that outlived `watch`)."""
    return [
        " ".join(p.info["cmdline"] or [])
        for p in psutil.process_iter(["cwd", "cmdline", "status"])
        if p.info["status"] != psutil.STATUS_ZOMBIE and p.info["cwd"] and Path(p.info["cwd"]) == root
    ]


def _wait_failure_of_ex01(s: Session, since: int = 0) -> int:
    i, _ = s.wait_for(r"^Exercise 1 · Your first coroutine", since, timeout=90)
    s.wait_for(r"task 1: .*coroutine function", i)
    s.wait_for(r"`greet` must be a coroutine function", i)
    s.wait_for(r"0/3 points so far", i)
    j, _ = s.wait_for(re.escape("Stuck? press h for a hint (or run `awaitlings hint 1`)"), i)
    return j


@pytest.mark.timeout(180)
def test_watch_shows_the_failure_then_the_pass_on_save_and_moves_on(session_factory, course_copy):
    s = session_factory()
    failure = _wait_failure_of_ex01(s)
    time.sleep(0.5)  # let the watcher settle before saving
    mark = s.mark()
    saved = time.monotonic()
    _solve(course_copy, EX01)
    i, passed_at = s.wait_for(r"Exercise 1 passes: 3/3 points", mark, timeout=60)
    latency = passed_at - saved
    print(f"save -> pass shown: {latency:.2f} s")
    assert latency < 30, f"the pass took {latency:.1f} s to appear"  # generous: the test machine is shared
    assert failure < mark <= i
    j, _ = s.wait_for(r"Exercise 1 · Your first coroutine passes. Well done! On to exercise 2", i, timeout=90)
    s.wait_for(r"^Exercise 2 · Await, don't block\s+->\s+exercises/ex02_await_dont_block\.py", j)
    s.wait_for(re.escape("Stuck? press h for a hint (or run `awaitlings hint 2`)"), j)
    s.wait_for(r"\[#+-*\] 1/4 exercises done, 3/\d+ points", i)
    s.type("q\n")
    assert s.finish() == 0
    assert "Traceback" not in s.text
    saved_results = results.load(course_copy / ".awaitlings" / "results.json")
    assert saved_results.exercise(EX01).status == "pass"
    assert saved_results.exercise(EX02).status in ("fail", "error")
    assert _leftovers(course_copy) == []


@pytest.mark.timeout(180)
def test_manual_mode_grades_again_on_enter_not_on_save(session_factory, course_copy):
    s = session_factory("--manual")
    s.wait_for(r"Manual mode: press Enter")
    _wait_failure_of_ex01(s)
    s.wait_for(r"Save your changes, then press Enter to grade again")
    mark = s.mark()
    _solve(course_copy, EX01)
    time.sleep(3)
    assert not any("Grading" in line for _, line in s.lines[mark:]), s.text  # no watching
    s.type("\n")
    i, _ = s.wait_for(r"Exercise 1 passes: 3/3 points", mark, timeout=60)
    s.wait_for(r"^Exercise 2 · Await, don't block", i, timeout=90)
    assert s.proc.stdin is not None
    s.proc.stdin.close()  # Ctrl-D: end of input quits
    assert s.finish() == 0
    assert "Traceback" not in s.text
    assert _leftovers(course_copy) == []


@pytest.mark.timeout(180)
def test_keys_hint_list_next_and_quit(session_factory, course_copy):
    s = session_factory()
    j = _wait_failure_of_ex01(s)
    s.type("h\n")
    i, _ = s.wait_for(r"^Hint 1/3: A coroutine function is defined with `async def`", j)
    s.type("hint\n")
    i, _ = s.wait_for(r"^Hint 2/3: ", i + 1)
    i, _ = s.wait_for(r"^Save exercises/ex01_first_coroutine\.py to grade it again", i)  # hint written
    assert '"ex01_first_coroutine": 2' in (course_copy / ".awaitlings" / "hints.json").read_text()
    s.type("l\n")
    i, _ = s.wait_for(r"^ 1  failing\s+0/3\s+ex01 Your first coroutine", i)
    s.wait_for(r"^ 2  not started\s+0/3\s+ex02 Await, don't block", i)
    s.type("xyzzy\n")
    i, _ = s.wait_for(r"^Unknown key 'xyzzy'\. keys: ", i)
    s.type("n\n")
    i, _ = s.wait_for(r"^Skipping exercise 1 for now", i)
    s.wait_for(r"^Exercise 2 · Await, don't block", i, timeout=90)
    s.type("q\n")
    assert s.finish() == 0
    assert "Traceback" not in s.text
    assert "Stopped watching" in s.text


@pytest.mark.timeout(120)
def test_ctrl_c_while_grading_stops_everything_cleanly(session_factory, course_copy):
    # An exercise whose import hangs: grading is still running when Ctrl-C arrives.
    (course_copy / "exercises" / f"{EX01}.py").write_text("import time\ntime.sleep(600)\n", encoding="utf-8")
    s = session_factory()
    s.wait_for(r"^Grading exercises/ex01_first_coroutine\.py")
    deadline = time.monotonic() + 30
    while not _leftovers(course_copy)[1:] and time.monotonic() < deadline:
        time.sleep(0.1)  # until pytest runs (the copy's processes besides `watch` itself)
    s.proc.send_signal(signal.SIGINT)
    assert s.finish(timeout=15) == 0
    assert "Traceback" not in s.text and "KeyboardInterrupt" not in s.text
    assert "Stopped watching" in s.text
    time.sleep(0.5)
    assert _leftovers(course_copy) == []


# ---------------------------------------------------------------- in-process: when watching fails


MINI = parse(
    {
        "course": {"test_timeout": 5},
        "exercises": [
            {
                "module": EX01,
                "title": "One",
                "topic": "t",
                "hints": ["h1"],
                "tasks": [{"id": 1, "title": "a", "points": 1}],
            },
            {
                "module": EX02,
                "title": "Two",
                "topic": "t",
                "hints": ["h2"],
                "tasks": [{"id": 1, "title": "b", "points": 2}],
            },
        ],
    }
)


def _graded(module: str, status: str) -> Graded:
    test = results.TestResult(
        name=f"tests/test_{module}.py::test_it",
        status=status,  # type: ignore[arg-type]
        message=None if status == "pass" else "It is not done yet.",
        output=None,
        test_code="",
        task_id=1,
        exercise=module,
    )
    return Graded(results.build(MINI, [test], target="exercises"), "", False, 0 if status == "pass" else 1)


def test_when_watching_fails_it_says_so_and_falls_back_to_manual(tmp_path):
    read_fd, write_fd = os.pipe()
    stdin = os.fdopen(read_fd, "r")
    keys = os.fdopen(write_fd, "w")
    out = io.StringIO()
    graded: list[str] = []
    solved = threading.Event()

    def grade(ex):
        graded.append(ex.module)
        return _graded(ex.module, "pass" if ex.module == EX02 or solved.is_set() else "fail")

    def broken_watcher(directory, events, stop):
        events.put(("watch-failed", "OSError: inotify watch limit reached"))

    session = Watch(
        manual=False,
        c=MINI,
        out=out,
        stdin=stdin,
        grade=grade,
        start_watcher=broken_watcher,
        results_path=tmp_path / "results.json",
    )
    result: list[int] = []
    runner = threading.Thread(target=lambda: result.append(session.run()), daemon=True)
    runner.start()

    def wait_until(condition, what: str) -> None:
        deadline = time.monotonic() + 20
        while not condition():
            assert time.monotonic() < deadline, f"waited for {what}; output:\n{out.getvalue()}"
            time.sleep(0.02)

    wait_until(
        lambda: "awaitlings watch --manual" in out.getvalue() and "It is not done yet." in out.getvalue(),
        "the note and the failure",
    )
    assert "inotify watch limit reached" in out.getvalue()
    assert "Save your changes, then press Enter to grade again." in out.getvalue()
    solved.set()
    keys.write("\n")
    keys.flush()
    wait_until(lambda: len(result) == 1, "the end: every exercise passes")  # ex01 then ex02 pass: done
    assert result == [0]
    assert graded == [EX01, EX01, EX02]
    assert "Every exercise passes" in out.getvalue()
    assert results.load(tmp_path / "results.json").points == 3
    session.close()
    keys.close()
    stdin.close()


def test_the_real_watcher_reports_a_failure_to_start(tmp_path):
    events: queue.Queue = queue.Queue()
    watch_files(tmp_path / "no-such-folder", events, threading.Event())
    kind, reason = events.get(timeout=5)
    assert kind == "watch-failed" and reason


def test_the_real_watcher_reports_a_save(tmp_path):
    events: queue.Queue = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(target=watch_files, args=(tmp_path, events, stop), daemon=True)
    thread.start()
    time.sleep(0.5)
    (tmp_path / "ex01_x.py").write_text("x = 1\n")
    kind, paths = events.get(timeout=10)
    assert kind == "change" and paths[0].endswith("ex01_x.py")
    stop.set()
    thread.join(5)
    assert not thread.is_alive()


def test_long_messages_are_cut_to_their_point():
    assert trim_message("Short verdict.") == ["Short verdict."]
    traceback = "\n".join([f"    line {i}" for i in range(40)] + ["E   AssertionError: 1 != 2"])
    assert trim_message(traceback) == ["E   AssertionError: 1 != 2"]
    other = "\n".join(f"line {i}" for i in range(40))
    cut = trim_message(other, max_lines=5)
    assert cut[:5] == [f"line {i}" for i in range(35, 40)] and "35 more lines" in cut[5]


def _wait_for_armed_run(root: Path) -> None:
    """Until pytest runs in the copy besides `watch` itself (the run armed for the next save)."""
    deadline = time.monotonic() + 30
    while len(_leftovers(root)) < 2:
        assert time.monotonic() < deadline, "no armed grading run appeared"
        time.sleep(0.1)


@pytest.mark.timeout(120)
def test_hangup_then_terminate_leave_nothing_behind(session_factory, course_copy):
    # What tmux does when its session is killed: SIGHUP, then SIGTERM, while a run is armed.
    s = session_factory()
    _wait_failure_of_ex01(s)
    _wait_for_armed_run(course_copy)
    s.proc.send_signal(signal.SIGHUP)
    s.proc.send_signal(signal.SIGTERM)
    assert s.finish(timeout=15) == 0
    assert "Traceback" not in s.text
    time.sleep(0.5)
    assert _leftovers(course_copy) == []


@pytest.mark.timeout(120)
def test_an_armed_run_ends_itself_when_watch_is_killed(session_factory, course_copy):
    s = session_factory()
    _wait_failure_of_ex01(s)
    _wait_for_armed_run(course_copy)
    s.proc.kill()  # no cleanup at all
    s.finish(timeout=15)
    deadline = time.monotonic() + 15
    while _leftovers(course_copy) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _leftovers(course_copy) == []
