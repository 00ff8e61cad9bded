"""The student's own commands: `list`, `hint`, `reset`, `run`, and which exercise is current."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from awaitlings import results
from awaitlings.manifest import ROOT, Course, Exercise, course
from awaitlings.state import HINTS_SEEN, RESULTS, STATE_DIR


def _find(c: Course, key: str) -> Exercise:
    try:
        return c.find(key)
    except KeyError as exc:
        raise SystemExit(f"awaitlings: {exc.args[0]}") from None


# ---------------------------------------------------------------- student commands


def cmd_list(args: argparse.Namespace) -> int:
    c = course()
    last = results.load_or_none(RESULTS)
    changed = results.changed_since_graded(last, ROOT / "exercises") if last else set()
    print(f"{'#':>2}  {'status':<12} {'points':>6}  {'exercise':<40} topic")
    for ex in c.exercises:
        ex_res = last.exercise(ex.module) if last else None
        status = (
            "not started"
            if ex_res is None or ex_res.status == "not run"
            else ("changed" if ex.module in changed else "done" if ex_res.status == "pass" else "failing")
        )
        pts = f"{ex_res.points if ex_res else 0}/{ex.points}"
        print(f"{ex.number:>2}  {status:<12} {pts:>6}  {ex.short + ' ' + ex.title:<40} {ex.topic}")
    if last is None:
        print("\nNo results yet: run `pytest` (or `awaitlings watch`) to grade your exercises.")
    else:
        print(f"\n{last.points}/{last.max_points} points (from your last grading of each exercise)")
        if changed:
            print("changed: edited since it was last graded; run `pytest` (or `awaitlings watch`) to grade it again.")
    return 0


def _seen() -> dict[str, int]:
    if HINTS_SEEN.exists():
        try:
            return {str(k): int(v) for k, v in json.loads(HINTS_SEEN.read_text()).items()}
        except (ValueError, AttributeError):
            return {}
    return {}


def current_exercise(c: Course) -> Exercise:
    """The first exercise not yet done in the progress store (the first one if none is)."""
    last = results.load_or_none(RESULTS)
    changed = results.changed_since_graded(last, ROOT / "exercises") if last else set()
    for ex in c.exercises:
        ex_res = last.exercise(ex.module) if last else None
        if ex_res is None or ex_res.status != "pass" or ex.module in changed:
            return ex
    return c.exercises[-1]


def cmd_hint(args: argparse.Namespace, *, again: str | None = None) -> int:
    """`again`: how to ask for the next hint (default: "Run `awaitlings hint N` again"; watch
    says "press h again")."""
    c = course()
    ex = _find(c, args.exercise) if args.exercise else current_exercise(c)
    seen = _seen()
    shown = seen.get(ex.module, 0)
    upto = len(ex.hints) if args.all else min(shown + 1, len(ex.hints))
    print(f"{ex.short} {ex.title} — {ex.exercise_file}\n")
    for i, hint in enumerate(ex.hints[:upto], start=1):
        print(f"Hint {i}/{len(ex.hints)}: {hint}\n")
    if upto < len(ex.hints):
        ask = again or f"Run `awaitlings hint {ex.number}` again"
        print(f"Still stuck? {ask} for hint {upto + 1}.")
    else:
        print("That was the last hint. Re-read the exercise's docstring; the tests' messages say what they measured.")
    seen[ex.module] = max(shown, upto)
    STATE_DIR.mkdir(exist_ok=True)
    HINTS_SEEN.write_text(json.dumps(seen, indent=1))
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    ex = _find(course(), args.exercise)
    path = ex.exercise_file
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"awaitlings: reset would discard your work in {path}; add --yes to confirm.")
            return 2
        answer = input(f"Discard your changes to {path} and restore the original stub? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing changed.")
            return 1
    # The stub as the course shipped it: the version in the first commit that added the file.
    added = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", path], cwd=ROOT, capture_output=True, text=True
    )
    commits = added.stdout.split()
    if added.returncode != 0 or not commits:
        print(f"awaitlings: git has no copy of {path} to restore. {added.stderr.strip()}")
        return 1
    subprocess.run(["git", "checkout", commits[-1], "--", path], cwd=ROOT, check=True)
    print(f"Restored {path} to the original stub.")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """`awaitlings run [N]`: a short demo of the exercise with the student's code (never a grade)."""
    from awaitlings.student.demos import run_exercise

    c = course()
    return run_exercise(_find(c, args.exercise) if args.exercise else current_exercise(c))
