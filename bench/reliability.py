"""Reliability benchmark: are the grader's verdicts right every time, idle and under load?

Each run grades the whole course twice over: every reference solution (any failed task is a
*false failure*) and every wrong answer kept in selftest/wrong/ (a task it must fail that
passes is a *false pass*). With `--load`, 2 x cores busy processes run during the loaded runs
(started and stopped by this script).

    python bench/reliability.py --idle-runs 5 --loaded-runs 50 --out bench/latest.json

Prints, per exercise: runs, false failures, false passes, and the median and max time of the
solutions' suite; writes the same to --out (JSON) and docs/reliability.md (Markdown).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awaitlings.course import answers as wrong_answers  # noqa: E402
from awaitlings.grading import grade_tests  # noqa: E402
from awaitlings.manifest import course  # noqa: E402

BUSY = "while True: pass"


@contextmanager
def cpu_load(processes: int):
    """`processes` busy loops, always stopped afterwards."""
    procs = [subprocess.Popen([sys.executable, "-c", BUSY], start_new_session=True) for _ in range(processes)]
    try:
        yield procs
    finally:
        alive = sum(1 for proc in procs if proc.poll() is None)
        print(f"load: {alive} of {processes} busy processes still running at the end", flush=True)
        if alive != processes:
            raise SystemExit("the load did not hold: the loaded figures would be idle figures")
        for proc in procs:
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def grade_wrong(cases: list[wrong_answers.KeptAnswer], jobs: int) -> dict:
    """Grade the wrong answers in `jobs` concurrent sessions (interleaved, to balance them)."""
    if jobs <= 1:
        return wrong_answers.grade_all(cases)
    graded: dict = {}
    with ThreadPoolExecutor(jobs) as pool:
        for part in pool.map(wrong_answers.grade_all, [cases[i::jobs] for i in range(jobs)]):
            graded.update(part)
    return graded


def one_run(modules: list[str], cases: list[wrong_answers.KeptAnswer], with_wrong: bool, jobs: int = 1) -> dict:
    c = course()
    started = time.monotonic()
    graded = grade_tests(modules, target="solutions", limit=1800)
    suite_seconds = time.monotonic() - started
    false_failures: dict[str, list[str]] = {}
    for module in modules:
        ex_res = graded.results.exercise(module)
        failing = [t for t in ex_res.tasks if t.status != "pass"] if ex_res else []
        if ex_res is None or failing:
            msgs = [
                (t.message or "")[:300] for t in graded.results.tests if t.exercise == module and t.status != "pass"
            ]
            false_failures[module] = msgs or ["not run"]
    false_passes: dict[str, list[str]] = defaultdict(list)
    wrong_words: dict[str, list[str]] = defaultdict(list)
    wrong_seconds = 0.0
    if with_wrong and cases:
        started = time.monotonic()
        results_by_case = grade_wrong(cases, jobs)
        wrong_seconds = time.monotonic() - started
        for case in cases:
            for problem in wrong_answers.check(case, results_by_case[case.id]):
                if case.right:  # a correct answer in another style lost a point: a false failure
                    false_failures.setdefault(f"{case.module} (right answers)", []).append(case.id)
                    continue
                (false_passes if "passed; it must fail" in problem or "did not run" in problem else wrong_words)[
                    case.module
                ].append(case.id)
    return {
        "wrong_graded": bool(with_wrong and cases),
        "suite_seconds": suite_seconds,
        "wrong_seconds": wrong_seconds,
        "false_failures": false_failures,
        "false_passes": dict(false_passes),
        "wrong_words": dict(wrong_words),
        "points": graded.results.points,
        "max_points": c.points,
    }


def summarise(runs: list[dict], modules: list[str]) -> dict:
    per = {}
    for module in modules:
        per[module] = {
            "false_failures": sum(1 for r in runs if module in r["false_failures"]),
            "false_passes": sum(len(r["false_passes"].get(module, [])) for r in runs),
            "wrong_words": sum(len(r["wrong_words"].get(module, [])) for r in runs),
        }
    times = [r["suite_seconds"] for r in runs]
    return {
        "runs": len(runs),
        "false_failures": sum(v["false_failures"] for v in per.values()),
        "false_passes": sum(v["false_passes"] for v in per.values()),
        "wrong_words": sum(v["wrong_words"] for v in per.values()),
        "suite_median_s": round(statistics.median(times), 2) if times else None,
        "suite_max_s": round(max(times), 2) if times else None,
        "wrong_runs": sum(1 for r in runs if r["wrong_graded"]),
        "wrong_median_s": (
            round(statistics.median([r["wrong_seconds"] for r in runs if r["wrong_graded"]]), 2)
            if any(r["wrong_graded"] for r in runs)
            else None
        ),
        "per_exercise": per,
        "examples": [r for r in runs if r["false_failures"] or r["false_passes"]][:5],
    }


def markdown(report: dict) -> str:
    lines = [
        "# Reliability benchmark: latest figures",
        "",
        f"Command: `{report['command']}`  ",
        f"Machine: {report['machine']}; date: {report['date']}.  ",
        f"Load: {report['load_processes']} busy processes during loaded runs. Kept answers: "
        f"{report['wrong_answers']} wrong and {report.get('right_answers', 0)} right (a right one that loses a "
        "point counts as a false failure), all graded in each kept-answer run"
        + (
            f", in {report['wrong_jobs']} concurrent sessions (more load still)."
            if report.get("wrong_jobs", 1) > 1
            else "."
        ),
        "",
        "| condition | runs (solutions) | false failures | runs (wrong answers) | false passes | wrong words "
        "| solutions suite median / max | wrong answers median |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in ("idle", "loaded"):
        s = report.get(name)
        if s and s["runs"]:
            lines.append(
                f"| {name} | {s['runs']} | {s['false_failures']} | {s['wrong_runs']} | {s['false_passes']} | "
                f"{s['wrong_words']} | "
                f"{s['suite_median_s']} s / {s['suite_max_s']} s | {s['wrong_median_s']} s |"
            )
    lines += [
        "",
        "Per exercise (loaded runs):",
        "",
        "| exercise | false failures | false passes | wrong words |",
        "| --- | ---: | ---: | ---: |",
    ]
    loaded = report.get("loaded") or report.get("idle") or {"per_exercise": {}}
    for module, v in loaded["per_exercise"].items():
        lines.append(f"| {module} | {v['false_failures']} | {v['false_passes']} | {v['wrong_words']} |")
    lines += [
        "",
        "*False failure*: a reference solution lost a point. *False pass*: a wrong answer kept in "
        "`selftest/wrong/` passed a task it must fail. *Wrong words*: it failed, but not with the "
        "message its header promises.",
        "",
    ]
    return "\n".join(lines)


def write(report: dict, args: argparse.Namespace) -> None:
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    Path(args.markdown).write_text(markdown(report))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--idle-runs", type=int, default=3)
    parser.add_argument("--loaded-runs", type=int, default=10)
    parser.add_argument("--load", type=int, default=2 * (os.cpu_count() or 2), help="busy processes when loaded")
    parser.add_argument("--no-wrong", action="store_true", help="grade only the solutions")
    parser.add_argument(
        "--wrong-every", type=int, default=1, help="grade the wrong answers in every Nth run only (they take minutes)"
    )
    parser.add_argument(
        "--wrong-jobs",
        type=int,
        default=1,
        help="grade the wrong answers in N concurrent sessions: faster, and more load",
    )
    parser.add_argument("--exercises", default="", help="only these, e.g. ex01,ex06")
    parser.add_argument("--out", default=str(ROOT / "bench" / "latest.json"))
    parser.add_argument("--markdown", default=str(ROOT / "docs" / "reliability.md"))
    args = parser.parse_args(argv)
    c = course()
    exs = [c.find(k) for k in args.exercises.split(",") if k] or list(c.exercises)
    modules = [ex.module for ex in exs]
    cases = [case for case in wrong_answers.discover(c) + wrong_answers.discover_right(c) if case.module in modules]
    report: dict = {
        "command": "python bench/reliability.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": f"{platform.machine()}, {multiprocessing.cpu_count()} cores, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "load_processes": args.load,
        "wrong_answers": sum(not case.right for case in cases),
        "right_answers": sum(case.right for case in cases),
        "wrong_jobs": args.wrong_jobs,
    }
    for name, count, load in (("idle", args.idle_runs, 0), ("loaded", args.loaded_runs, args.load)):
        runs = []
        with cpu_load(load):
            for i in range(count):
                run = one_run(modules, cases, not args.no_wrong and i % max(args.wrong_every, 1) == 0, args.wrong_jobs)
                runs.append(run)
                print(
                    f"{name} run {i + 1}/{count}: solutions {run['suite_seconds']:.1f} s "
                    f"({run['points']}/{run['max_points']}), wrong answers {run['wrong_seconds']:.1f} s, "
                    f"false failures {sorted(run['false_failures']) or 0}, "
                    f"false passes {sorted(run['false_passes']) or 0}",
                    flush=True,
                )
                report[name] = summarise(runs, modules)
                write(report, args)  # after every run: an interrupted benchmark still reports
        report[name] = summarise(runs, modules)
    write(report, args)
    for name in ("idle", "loaded"):
        s = report[name]
        if s["runs"]:
            print(
                f"{name}: {s['runs']} runs, {s['false_failures']} false failures, "
                f"{s['false_passes']} false passes, {s['wrong_words']} wrong words; "
                f"solutions suite median {s['suite_median_s']} s, max {s['suite_max_s']} s"
            )
    bad = sum(report[n]["false_failures"] + report[n]["false_passes"] for n in ("idle", "loaded"))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
