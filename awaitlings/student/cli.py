"""The `awaitlings` command: the student's loop, the instructor's checks, Classroom's grader.

awaitlings list                 every exercise: status, points, topic
awaitlings hint 3               the next hint for exercise 3 (one more each time)
awaitlings reset 3              restore exercise 3's stub from git (asks first)
awaitlings run 3                a short demo of exercise 3 with your code (timings, JSON, threads)
awaitlings watch                re-grade the current exercise on every save
awaitlings verify               instructors/CI: solutions pass, stubs fail, all agrees
awaitlings generate             rewrite the files derived from info.toml
awaitlings grade ex03 --task 1  grade one task in its own process group, exit 0 if it passes
awaitlings grade --classroom    Classroom: every exercise in one pass -> reporter results, summary
awaitlings summary              Classroom: the job summary table (Markdown)
awaitlings fingerprint          the grading files' fingerprint (--expect H: compare)
awaitlings regrade CLONES...    instructors: pristine tests over student clones -> CSV + HTML
awaitlings template DIR         instructors: build and check the student template
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from awaitlings import results
from awaitlings.manifest import ROOT, ManifestError, course
from awaitlings.pristine import NOT_GRADING
from awaitlings.state import GRADE_DIR
from awaitlings.student.commands import _find, cmd_hint, cmd_list, cmd_reset, cmd_run

# The modules of what the student template leaves out (pristine.NOT_GRADING, as paths).
INSTRUCTOR_MODULES = tuple(p.rstrip("/").removesuffix(".py").replace("/", ".") for p in NOT_GRADING)


def cmd_watch(args: argparse.Namespace) -> int:
    from awaitlings.student.watch import watch

    return watch(manual=args.manual)


# ---------------------------------------------------------------- instructor commands


def cmd_verify(args: argparse.Namespace) -> int:
    from awaitlings.course.verify import verify

    return verify(selftest=not args.skip_selftest)


def cmd_generate(args: argparse.Namespace) -> int:
    from awaitlings.course import generated

    if args.check:
        problems = generated.drift()
        for p in problems:
            print(p)
        return 1 if problems else 0
    for path in generated.write():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


def cmd_fingerprint(args: argparse.Namespace) -> int:
    from awaitlings.classroom.fingerprint import fingerprint

    actual = fingerprint()
    if args.expect is None:
        print(actual)
        return 0
    if actual == args.expect:
        print(f"grading files unchanged (fingerprint {actual})")
        return 0
    print(
        f"::error title=Grading files changed::tests/, info.toml, awaitlings/, conftest.py or "
        f"pyproject.toml differ from the course's (fingerprint {actual}, expected {args.expect}). "
        "Points from this run cannot be trusted; instructors regrade with pristine tests."
    )
    return 1


def cmd_grade(args: argparse.Namespace) -> int:
    if args.classroom:
        return _grade_classroom(args)
    if args.exercise is None:
        raise SystemExit("awaitlings grade: name an exercise, or use --classroom to grade them all")
    from awaitlings.grading import grade_tests, task_passed

    c = course()
    ex = _find(c, args.exercise)
    out = GRADE_DIR / (f"{ex.module}-task{args.task}.json" if args.task else f"{ex.module}.json")
    graded = grade_tests([ex.module], task=args.task, limit=args.limit, results_path=out)
    if graded.timed_out:
        out.write_text(graded.results.to_json(), encoding="utf-8")
    tasks = [args.task] if args.task else [t.id for t in ex.tasks]
    passed = all(task_passed(graded.results, ex, t) for t in tasks)
    for t in tasks:
        task = ex.task(t)
        ok = task_passed(graded.results, ex, t)
        earned = task.points if ok else 0
        print(f"{'PASS' if ok else 'FAIL'}  {ex.short} task {t}: {task.title}  ({earned}/{task.points} points)")
    for test in graded.results.tests:
        if test.exercise == ex.module and test.status != "pass" and (args.task is None or test.task_id == args.task):
            print(f"\n--- {test.name.split('::')[-1]}\n{test.message}")
    if not passed:
        print(f"\nStuck? Run `awaitlings hint {ex.number}` for a hint.")
    return 0 if passed else 1


def _grade_classroom(args: argparse.Namespace) -> int:
    """Every exercise in one pass; per-task results for Classroom's reporter and the job summary.
    Exits 0 whatever the points (the reporter reports them); non-zero only if grading broke."""
    from awaitlings.classroom import workflow as classroom
    from awaitlings.classroom.summary import markdown_summary

    c = course()
    run = classroom.grade_classroom(
        student=Path(args.student) if args.student else None, expect=args.expect, limit=args.limit, c=c
    )
    res = run.results
    GRADE_DIR.mkdir(parents=True, exist_ok=True)
    (GRADE_DIR / "classroom.json").write_text(res.to_json(), encoding="utf-8")
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as fh:
            for rid, value in classroom.reporter_results(c, res).items():
                fh.write(f"{rid}={value}\n")
    summary = markdown_summary(
        c, res, tampered=run.tampered or run.tamper_flag, not_started=run.not_started, pristine=run.pristine
    )
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as fh:
            fh.write(summary)
    for ex in c.exercises:
        e = res.exercise(ex.module)
        state = "not started" if ex.module in run.not_started else (e.status if e else "not run")
        print(f"{ex.short} {ex.title:<42} {e.points if e else 0:>2}/{ex.points:<2} {state}")
    print(
        f"awaitlings: {res.points}/{res.max_points} points"
        + (" (grading stopped at its limit)" if run.timed_out else "")
    )
    if run.tamper_flag and not run.pristine:
        names = ", ".join(run.tampered[:10]) or "tests/, info.toml, awaitlings/, conftest.py or pyproject.toml"
        print(
            f"::error title=Grading files changed::{names} differ from the course's. Points from this "
            "run cannot be trusted; your instructor regrades with the original tests."
        )
    elif run.tampered:
        print(
            f"::notice title=Grading files ignored::{', '.join(run.tampered[:10])} differ from the "
            "course's and were not used: the course's own tests graded your exercises."
        )
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from awaitlings.classroom.fingerprint import fingerprint
    from awaitlings.classroom.summary import markdown_summary

    c = course()
    tests: list[results.TestResult] = []
    for path in sorted(GRADE_DIR.glob("*.json")) if GRADE_DIR.exists() else []:
        try:
            tests.extend(results.load(path).tests)
        except (ValueError, KeyError, TypeError):
            continue
    merged = results.build(c, tests, target="exercises")
    tampered = args.expect is not None and fingerprint() != args.expect
    print(markdown_summary(c, merged, tampered=tampered))
    return 0


def cmd_regrade(args: argparse.Namespace) -> int:
    from awaitlings.classroom.regrade import regrade

    students = [Path(p) for p in args.repos]
    if len(students) == 1 and students[0].is_dir() and not (students[0] / "exercises").exists():
        students = sorted(p for p in students[0].iterdir() if p.is_dir())  # a folder of clones
    only = [x for x in args.exercises.split(",") if x] if args.exercises else None
    rows = regrade(students, Path(args.out), limit=args.limit, only=only, jobs=args.jobs, deadline=args.deadline)
    print(f"\nwrote {Path(args.out) / 'grades.csv'} and {Path(args.out) / 'report.html'} ({len(rows)} students)")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from awaitlings.course import template

    dest = Path(args.dir).resolve()
    copied = template.build(dest, course_repo=args.course_repo)
    print(f"template: wrote {len(copied)} files to {dest}")
    if args.no_check:
        return 0
    problems = template.check(dest)
    for p in problems:
        print(f"  - {p}")
    print("template: OK" if not problems else f"template: {len(problems)} problem(s)")
    return 1 if problems else 0


# ---------------------------------------------------------------- entry point


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awaitlings", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("list", help="every exercise with its status").set_defaults(func=cmd_list)
    p = sub.add_parser("hint", help="the next hint for an exercise")
    p.add_argument("exercise", nargs="?", help="number (3), id (ex03) or module name; default: the current one")
    p.add_argument("--all", action="store_true", help="every hint at once")
    p.set_defaults(func=cmd_hint)
    p = sub.add_parser("reset", help="restore an exercise's stub from git")
    p.add_argument("exercise")
    p.add_argument("--yes", action="store_true", help="do not ask")
    p.set_defaults(func=cmd_reset)
    p = sub.add_parser("run", help="a short demo of an exercise with your code: what it does, how long it takes")
    p.add_argument("exercise", nargs="?", help="number (3), id (ex03) or module name; default: the current one")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("watch", help="re-grade the current exercise on every save")
    p.add_argument("--manual", action="store_true", help="press Enter to re-run instead of watching files")
    p.set_defaults(func=cmd_watch)
    p = sub.add_parser("verify", help="instructors/CI: check the whole course")
    p.add_argument("--skip-selftest", action="store_true", help="skip the tooling's own tests")
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("generate", help="rewrite files derived from info.toml")
    p.add_argument("--check", action="store_true", help="only report drift")
    p.set_defaults(func=cmd_generate)
    p = sub.add_parser("fingerprint", help="fingerprint of the grading files")
    p.add_argument("--expect", default=None)
    p.set_defaults(func=cmd_fingerprint)
    p = sub.add_parser("grade", help="grade one exercise (or one task), or --classroom: all, in one pass")
    p.add_argument("exercise", nargs="?", default=None)
    p.add_argument("--task", type=int, default=None)
    p.add_argument("--limit", type=float, default=300, help="seconds before grading is stopped")
    p.add_argument(
        "--classroom",
        action="store_true",
        help="grade every exercise in one pass; write Classroom's reporter results and summary",
    )
    p.add_argument(
        "--student",
        default=None,
        help="with --classroom: grade this checkout's exercises/*.py with this course's files",
    )
    p.add_argument("--expect", default=None, help="with --classroom: the course's fingerprint")
    p.add_argument("--github-output", default=None, help="with --classroom: append reporter results here")
    p.add_argument("--summary", default=None, help="with --classroom: append the Markdown job summary here")
    p.set_defaults(func=cmd_grade)
    p = sub.add_parser("summary", help="Markdown summary of the last `grade` runs")
    p.add_argument("--expect", default=None, help="the course's fingerprint")
    p.set_defaults(func=cmd_summary)
    p = sub.add_parser("regrade", help="grade student clones with the pristine tests; CSV + HTML report")
    p.add_argument("repos", nargs="+", help="student repositories, or one folder that holds them")
    p.add_argument("--out", default="regrade-report", help="folder for grades.csv and report.html")
    p.add_argument("--limit", type=float, default=900, help="seconds per student before grading stops")
    p.add_argument("--exercises", default="", help="only these exercises, e.g. ex01,ex02")
    p.add_argument("--jobs", type=int, default=None, help="students graded at once (default: the CPU cores)")
    p.add_argument(
        "--deadline",
        default=None,
        metavar="TIMESTAMP",
        help="grade each repository's last commit before this time, e.g. 2026-12-01T23:59:00+01:00",
    )
    p.set_defaults(func=cmd_regrade)
    p = sub.add_parser("template", help="build and check the student template repository")
    p.add_argument("dir")
    p.add_argument("--no-check", action="store_true")
    p.add_argument(
        "--course-repo",
        default=None,
        metavar="OWNER/NAME",
        help="grade pristine: the workflow checks out this repository at the current commit "
        "and takes only the student's exercises/*.py",
    )
    p.set_defaults(func=cmd_template)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # `awaitlings` alone: the student's loop, as `rustlings` starts watch
        args = parser.parse_args(["watch"])
    try:
        return int(args.func(args) or 0)
    except ModuleNotFoundError as exc:
        # The student template leaves the instructor's modules out (see course.template).
        if exc.name and exc.name.startswith(INSTRUCTOR_MODULES):
            raise SystemExit(
                f"awaitlings {args.command}: an instructor command; this copy of the course "
                "(the student template) does not include it."
            ) from None
        raise
    except ManifestError as exc:  # not in a course folder, or a broken info.toml
        raise SystemExit(f"awaitlings: {exc}") from None
    except BrokenPipeError:  # `awaitlings list | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
