"""`awaitlings watch`: the student's loop, rustlings-style.

Grades the current exercise (the first one not yet passing, in course order), shows what
failed in the tests' own words, and grades it again within moments of every save to
`exercises/`. When it passes, it says so and moves on to the next unsolved exercise.

Keys (type one, then Enter; line-based so it works in any terminal, tmux and pipes):
    Enter  grade again now      h  the next hint      n  skip to the next exercise
    l      list every exercise  q  quit (also Ctrl-C, Ctrl-D)

Saves are noticed with `watchfiles`. When watching is unavailable (inotify limits, unusual
file systems), or with `--manual`, press Enter after saving to grade again.

Grading is `grading.grade_tests`: the same tests as `pytest tests/test_exNN_*.py`, in their own
process group. To answer within a second or two of a save, it first runs them in one process
(`-n 0`: no xdist worker to start, the same verdicts). If that process does not finish normally
(a hang or a crash in the student's code ends it), the exercise is graded again the usual way,
in a restartable xdist worker, whose verdicts say which test hung or crashed and where. A save
during a grading run stops that run and starts a fresh one.

Starting pytest (imports, the grader's warm-up, collection) costs most of a grading run, and
none of it depends on the student's file, which is imported only when a test runs. So after
each result, the next run is started at once and *armed*: this module, loaded into it as a
pytest plugin (`-p awaitlings.student.armed --awaitlings-go FILE`, armed.py), holds it after collection until
`FILE` appears, which the next save (or Enter) writes. Per-test timeouts start when the tests
do; a watchdog in the armed process bounds the whole run from the go signal, and the process
ends itself if `watch` goes away.

Results are merged into `.awaitlings/results.json`, so `awaitlings list` shows them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import shutil
import signal
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from awaitlings import processes, results, state
from awaitlings.engine.progress import bar
from awaitlings.grading import Graded, grade_tests
from awaitlings.manifest import ROOT, Course, Exercise, course
from awaitlings.student.events import Event, read_keys, relevant, watch_files
from awaitlings.student.terminal import Style, trim_message

EXERCISES_DIR = ROOT / "exercises"
RESULTS_PATH = state.RESULTS
KEYS = "keys: [Enter] grade again · h hint · n next exercise · l list · q quit  (type a key, then Enter)"

FOREVER = 7 * 24 * 3600.0  # grade_tests' limit for an armed run: it is bounded from its go signal


# ---------------------------------------------------------------- small helpers


def load_results(path: Path = RESULTS_PATH) -> results.Results | None:
    if not path.exists():
        return None
    try:
        return results.load(path)
    except (OSError, ValueError, KeyError, TypeError):
        return None


# ---------------------------------------------------------------- the loop


class Watch:
    def __init__(
        self,
        *,
        manual: bool,
        c: Course | None = None,
        out: Any = None,
        stdin: Any = None,
        grade: Callable[[Exercise], Graded] | None = None,
        start_watcher: Callable[[Path, queue.Queue[Event], threading.Event], None] = watch_files,
        results_path: Path = RESULTS_PATH,
    ) -> None:
        self.course = c or course()
        self.out = out or sys.stdout
        self.stdin = stdin or sys.stdin
        self.style = Style(self.out)
        self.manual = manual
        self.grade_fn = grade
        self.start_watcher = start_watcher
        self.results_path = results_path
        self.events: queue.Queue[Event] = queue.Queue()
        self.stop = threading.Event()
        self.known: results.Results | None = load_results(results_path)
        self.current: Exercise | None = None
        self.notices: list[str] = []
        self.note: str | None = None  # shown on every screen (e.g. "watching is unavailable")
        self.generation = 0  # grading runs started; a result from an older run is ignored
        self.grader: threading.Thread | None = None
        self.grading_started = 0.0
        self.watcher: threading.Thread | None = None
        self.finished = False  # every exercise passes
        self.armed = False  # the grading run in progress waits for a go signal
        self.grader_for: Exercise | None = None
        self.go: Path | None = None  # the go signal of the newest run
        self.runs = 0
        self.state_dir = Path(tempfile.mkdtemp(prefix="awaitlings-watch-"))

    # -- output

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    # -- status of the course (what results.json knew, updated by every grading run here)

    def status(self, ex: Exercise) -> str:
        res = self.known.exercise(ex.module) if self.known else None
        return res.status if res is not None else "not run"

    def first_unsolved(self, after: Exercise | None = None) -> Exercise | None:
        order = list(self.course.exercises)
        if after is not None:
            i = order.index(after)
            order = order[i + 1 :] + order[: i + 1]
        return next((ex for ex in order if self.status(ex) != "pass"), None)

    def merge(self, graded: results.Results, module: str) -> None:
        # The same progress store as `pytest` and `awaitlings list`, merged per exercise.
        self.known = results.merge(self.course, self.known, results.stamp(graded, ROOT / "exercises"))
        try:
            self.results_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.results_path.with_suffix(".watch-tmp")
            tmp.write_text(self.known.to_json(), encoding="utf-8")
            tmp.replace(self.results_path)
        except OSError:
            pass  # a read-only checkout still gets graded; `awaitlings list` just won't know

    def progress_line(self) -> str:
        total = len(self.course.exercises)
        done = sum(1 for ex in self.course.exercises if self.status(ex) == "pass")
        points = self.known.points if self.known else 0
        return f"{bar(done, total)} {done}/{total} exercises done, {points}/{self.course.points} points"

    # -- grading (in a thread, so keys and saves are handled while pytest runs)

    def limit(self, ex: Exercise) -> float:
        return 30 + 3 * self.course.timeout_for(ex) * max(1, len(ex.tasks))

    def _grade(self, ex: Exercise, generation: int, go: Path) -> Graded:
        limit = self.limit(ex)
        fast = grade_tests(
            [ex.module],
            limit=FOREVER,
            course_=self.course,
            extra=[
                "-n",
                "0",
                "-p",
                "awaitlings.student.armed",
                "--awaitlings-go",
                str(go),
                "--awaitlings-parent",
                str(os.getpid()),
            ],
        )
        if not (fast.timed_out or fast.results.message or fast.returncode not in (0, 1)):
            return fast
        if not go.exists():
            return fast  # it ended before it was asked to grade: stopped, or pytest failed to start
        if generation != self.generation:
            return fast  # stopped on purpose (a newer save, or quitting): nothing to find out
        self.say(
            self.style.dim(
                "The test process did not finish normally (a hang or a crash?). "
                "Grading again in an isolated worker to find out where ..."
            )
        )
        return grade_tests([ex.module], limit=limit, course_=self.course)

    def start_grading(self) -> None:
        """Grade the current exercise now: go with the armed run if there is one, else start one."""
        ex = self.current
        if ex is None:
            return
        if not (self.armed and self.grading and self.grader_for is ex):
            self.start_run(ex)
        self.armed = False
        self.grading_started = time.monotonic()
        self.say(self.style.dim(f"Grading {ex.exercise_file} ..."))
        if self.go is not None:
            tmp = self.go.with_suffix(".tmp")
            tmp.write_text(repr(self.limit(ex)), encoding="utf-8")
            tmp.replace(self.go)

    def arm(self) -> None:
        """Start the next run for the current exercise now, to hold it until the next save."""
        if self.current is not None and self.grade_fn is None:
            self.start_run(self.current)
            self.armed = True

    def start_run(self, ex: Exercise) -> None:
        self.cancel_grading()
        self.generation += 1
        generation = self.generation
        self.runs += 1
        go = self.state_dir / f"go-{self.runs}"
        self.go = go if self.grade_fn is None else None

        def run() -> None:
            try:
                graded: Graded | BaseException = (
                    self.grade_fn(ex) if self.grade_fn is not None else self._grade(ex, generation, go)
                )
            except Exception as exc:
                graded = exc
            self.events.put(("graded", (generation, ex, graded)))

        self.grader_for = ex
        self.grader = threading.Thread(target=run, name="awaitlings-grade", daemon=True)
        self.grader.start()

    def cancel_grading(self) -> None:
        """Stop a grading run in progress: kill its processes (only ours), wait for the thread."""
        thread = self.grader
        self.generation += 1  # whatever it reports now is stale
        while thread is not None and thread.is_alive():
            processes.kill(processes.descendants())
            thread.join(0.1)
        self.grader = None
        self.armed = False

    @property
    def grading(self) -> bool:
        return self.grader is not None and self.grader.is_alive()

    # -- screens

    def show(self, ex: Exercise, graded: Graded, seconds: float) -> bool:
        """Print the result of grading `ex`; True when it passes."""
        st = self.style
        res = graded.results.exercise(ex.module)
        passed = res is not None and res.status == "pass"
        self.out.write(st.clear())
        self.say(st.bold("awaitlings watch") + "  " + self.progress_line())
        if self.note:
            self.say(self.note)
        for notice in self.notices:
            self.say(notice)
        self.notices.clear()
        self.say()
        self.say(st.bold(f"Exercise {ex.number} · {ex.title}") + f"  ->  {ex.exercise_file}")
        if res is None or res.status == "not run":
            self.say(st.red(f"{st.bad} The tests did not run. The end of pytest's output:"))
            for line in (graded.output or "(no output)").strip().splitlines()[-15:]:
                self.say("    " + line)
        else:
            shown: set[str] = set()
            for task in res.tasks:
                mark = st.green(st.ok) if task.status == "pass" else st.red(st.bad)
                self.say(f"  {mark} task {task.id}: {task.title}  ({task.points}/{task.max_points})")
                if task.status == "pass":
                    continue
                failing = [
                    t
                    for t in graded.results.tests
                    if t.exercise == ex.module and t.task_id == task.id and t.status != "pass"
                ]
                if not failing:
                    self.say("      (no test of this task ran)")
                for n, test in enumerate(failing):
                    if n:
                        self.say()
                    text = (test.message or "").strip()
                    if text and text in shown:
                        self.say("      (the same problem as above)")
                        continue
                    shown.add(text)
                    for line in trim_message(test.message):
                        self.say(self.indent(line, 6))
        self.say()
        timing = st.dim(f"(graded in {seconds:.1f} s)")
        if passed and res is not None:
            self.say(st.green(f"{st.ok} Exercise {ex.number} passes: {res.points}/{res.max_points} points. ") + timing)
        else:
            points = f"{res.points}/{res.max_points} points" if res else "not graded"
            self.say(f"{points} so far. {timing}")
            self.say(f"Stuck? press h for a hint (or run `awaitlings hint {ex.number}`)")
            self.prompt()
        return passed

    def indent(self, line: str, spaces: int) -> str:
        """`line` indented, wrapped at words to fit the terminal (100 columns when not a terminal)."""
        width = shutil.get_terminal_size((100, 24)).columns if self.style.color else 100
        pad = " " * spaces
        if not line.strip():
            return ""
        return textwrap.fill(
            line,
            width=max(40, width - 1),
            initial_indent=pad,
            subsequent_indent=pad,
            break_long_words=False,
            break_on_hyphens=False,
        )

    def prompt(self) -> None:
        how = (
            "Save your changes, then press Enter to grade again."
            if self.manual
            else f"Save {self.current.exercise_file if self.current else 'the file'} to grade it again."
        )
        self.say(how)
        self.say(self.style.dim(KEYS))

    def advance(self, after: Exercise, *, passed: bool) -> bool:
        """Move to the next unsolved exercise and grade it; False when there is none left."""
        nxt = self.first_unsolved(after)
        if passed:
            self.notices.append(
                self.style.green(
                    f"{self.style.ok} Exercise {after.number} · {after.title} passes. Well done!"
                    + (f" On to exercise {nxt.number}." if nxt else "")
                )
            )
        if nxt is None:
            self.finished = True
            self.say()
            self.say(self.style.green(f"{self.style.ok} Every exercise passes. You finished awaitlings!"))
            self.say(self.progress_line())
            return False
        if nxt is after:
            self.say("This is the only exercise left to do.")
            self.prompt()
            return True
        self.current = nxt
        self.start_grading()
        return True

    # -- events

    def on_graded(self, data: tuple[int, Exercise, Graded | BaseException]) -> bool:
        generation, ex, graded = data
        if generation != self.generation or ex is not self.current:
            return True  # a run that was stopped by a newer one
        self.grader = None
        if self.armed:  # an armed run that ended before its go signal (stopped, or pytest broke)
            self.armed = False
            return True
        seconds = time.monotonic() - self.grading_started
        if isinstance(graded, BaseException):
            self.say(self.style.red(f"Grading {ex.exercise_file} failed: {type(graded).__name__}: {graded}"))
            self.prompt()
            return True
        self.merge(graded.results, ex.module)
        if self.show(ex, graded, seconds):
            return self.advance(ex, passed=True)
        self.arm()
        return True

    def on_key(self, key: str) -> bool:
        """Handle one typed line; False to quit."""
        word = key.strip().lower()
        ex = self.current
        if word in ("q", "quit", "exit", ":q"):
            return False
        if word in ("", "r", "run"):
            self.start_grading()
        elif word in ("h", "hint"):
            if ex is not None:
                from awaitlings.student.commands import cmd_hint

                self.say()
                cmd_hint(argparse.Namespace(exercise=str(ex.number), all=False), again="press h again")
                sys.stdout.flush()
                self.prompt()
        elif word in ("n", "next"):
            if ex is not None:
                self.say(f"Skipping exercise {ex.number} for now.")
                self.advance(ex, passed=False)
        elif word in ("l", "list", "ls"):
            from awaitlings.student.commands import cmd_list

            self.say()
            cmd_list(argparse.Namespace())
            sys.stdout.flush()
            self.prompt()
        else:
            self.say(f"Unknown key {key.strip()!r}. " + KEYS)
        return True

    def on_change(self, paths: list[str]) -> None:
        if not relevant(paths) or self.current is None:
            return
        self.start_grading()

    def on_watch_failed(self, reason: str) -> None:
        self.manual = True
        self.note = (
            f"Watching for saves is unavailable here ({reason}). Switched to manual mode: "
            "press Enter to grade again after saving. Next time, run `awaitlings watch --manual`."
        )
        self.say()
        self.say(self.style.red(self.note))
        if not self.grading:
            self.prompt()

    # -- main

    def run(self) -> int:
        threading.Thread(target=read_keys, args=(self.stdin, self.events), name="awaitlings-keys", daemon=True).start()
        if not self.manual:
            self.watcher = threading.Thread(
                target=self.start_watcher,
                args=(EXERCISES_DIR, self.events, self.stop),
                name="awaitlings-watch",
                daemon=True,
            )
            self.watcher.start()
        self.say(self.style.bold("awaitlings watch") + "  " + self.progress_line())
        self.say(
            "Watching exercises/ for saves."
            if not self.manual
            else "Manual mode: press Enter to grade again after saving."
        )
        self.current = self.first_unsolved()
        if self.current is None:
            self.current = self.course.exercises[0] if self.course.exercises else None
        if self.current is None:
            self.say("This course has no exercises.")
            return 1
        self.start_grading()
        while not STOP.is_set():
            try:
                kind, data = self.events.get(timeout=0.2)
            except queue.Empty:
                continue
            if kind == "graded":
                if not self.on_graded(data):
                    return 0
            elif kind == "key":
                if not self.on_key(data):
                    return 0
            elif kind == "change":
                self.on_change(data)
            elif kind == "watch-failed":
                self.on_watch_failed(data)
            elif kind == "eof":
                return 0
        return 0

    def close(self) -> None:
        self.stop.set()
        self.cancel_grading()
        if self.watcher is not None:
            self.watcher.join(2)
        shutil.rmtree(self.state_dir, ignore_errors=True)


STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


def _ignore_stop_signals() -> None:
    for sig in STOP_SIGNALS:
        with contextlib.suppress(OSError, ValueError):
            signal.signal(sig, signal.SIG_IGN)


STOP = threading.Event()  # set by Ctrl-C, SIGTERM or SIGHUP; the main loop checks it every 0.2 s


def _request_stop(signum: int, frame: Any) -> None:
    # A flag, not KeyboardInterrupt: raised at a random point (inside a lock's wait, say) an
    # exception can escape as a traceback. A second signal changes nothing.
    STOP.set()


def watch(manual: bool = False) -> int:
    """`awaitlings watch [--manual]`. Returns the exit status."""
    main = threading.current_thread() is threading.main_thread()
    if main:
        for sig in STOP_SIGNALS:
            with contextlib.suppress(OSError, ValueError):
                signal.signal(sig, _request_stop)
    session = Watch(manual=manual)
    try:
        return session.run()
    except KeyboardInterrupt:
        return 0
    finally:
        if main:
            _ignore_stop_signals()
        with contextlib.suppress(KeyboardInterrupt, OSError):
            session.close()
            if not session.finished:
                session.say()
                session.say("Stopped watching. Run `awaitlings watch` to carry on where you left off.")


__all__ = ["Watch", "load_results", "watch"]
