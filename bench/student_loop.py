"""How long the student waits: the figures of the student's loop, as medians of repeated runs.

    python bench/student_loop.py --runs 5 [--load 4] [--json bench/student_loop.json]

Each run works in a fresh clone of this repository's HEAD (no `__pycache__`, no progress
store), with this environment's Python, and times, on the wall clock:

- `pytest` on the fresh stubs (the first thing a student runs);
- `pytest --target solutions` (the whole course, solved);
- `pytest exercises/ex06_gather.py` (one exercise);
- `awaitlings watch` until it has graded the current exercise and waits for a key;
- `pytest exercises/ex06_gather.py` with `fetch_all` replaced by a function that never returns
  (a busy loop): what one such mistake costs.

`--load N` runs N busy processes beside it (a shared 2-core runner). Prints one line per figure
with the median, min and max.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from reliability import cpu_load  # noqa: E402

PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
NEVER_RETURNS = """

async def fetch_all(api, ids):  # the mistake: a loop with no way out
    while True:
        pass
"""


def fresh_clone(tmp: Path) -> Path:
    dest = tmp / "course"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    return dest


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.monotonic()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    return time.monotonic() - start


def watch_ready(cwd: Path) -> float:
    """Seconds from starting `awaitlings watch` until it shows its keys after the first grading."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "awaitlings", "watch"],
        cwd=cwd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    ready = float("nan")
    try:
        while time.monotonic() - start < 120:
            try:
                line = lines.get(timeout=0.05)
            except queue.Empty:
                continue
            if line.startswith("keys:"):
                ready = time.monotonic() - start
                break
    finally:
        assert proc.stdin is not None
        proc.stdin.write("q\n")
        proc.stdin.flush()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
    return ready


def figures(course: Path) -> dict[str, Callable[[], float]]:
    hung = course.parent / "hung"

    def never_returns() -> float:
        if not hung.exists():
            shutil.copytree(course, hung, ignore=shutil.ignore_patterns(".git", "__pycache__"))
            target = hung / "exercises" / "ex06_gather.py"
            target.write_text(target.read_text(encoding="utf-8") + NEVER_RETURNS, encoding="utf-8")
        return timed([*PYTEST, "exercises/ex06_gather.py"], hung)

    return {
        "fresh stubs, pytest": lambda: timed(PYTEST, course),
        "solutions, pytest --target solutions": lambda: timed([*PYTEST, "--target", "solutions"], course),
        "one exercise, pytest exercises/ex06_gather.py": lambda: timed([*PYTEST, "exercises/ex06_gather.py"], course),
        "watch, ready after its first grading": lambda: watch_ready(course),
        "one exercise whose fetch_all never returns": never_returns,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--load", type=int, default=0, help="busy processes running beside it")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    samples: dict[str, list[float]] = {}
    with cpu_load(args.load), tempfile.TemporaryDirectory(prefix="awaitlings-bench-") as tmp:
        for run in range(args.runs):
            run_dir = Path(tmp) / f"run{run}"
            run_dir.mkdir()
            course = fresh_clone(run_dir)
            for name, measure in figures(course).items():
                samples.setdefault(name, []).append(measure())
            print(f"run {run + 1}/{args.runs}: " + ", ".join(f"{v[-1]:.1f}" for v in samples.values()), flush=True)
    print(f"\nmedian of {args.runs} runs, load {args.load} (seconds, wall clock):")
    result = {}
    for name, values in samples.items():
        med = statistics.median(values)
        result[name] = {"median": round(med, 2), "min": round(min(values), 2), "max": round(max(values), 2)}
        print(f"  {med:6.1f}  (min {min(values):.1f}, max {max(values):.1f})  {name}")
    if args.json:
        args.json.write_text(json.dumps({"runs": args.runs, "load": args.load, "figures": result}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
