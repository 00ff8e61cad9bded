"""Does the virtual clock stay behind real time while worker threads start, work and stop?

While a thread does the test's work, the virtual clock must follow the real one; if it jumps
ahead, a correct answer looks slow or "never finishes". Each run awaits `asyncio.run` in a
worker thread and then 8 blocking calls through `asyncio.to_thread`, on a fresh virtual loop.

    python bench/virtual_clock.py --runs 200 --load 4

Prints how many runs let the virtual clock get ahead of real time by more than 0.1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reliability import cpu_load  # noqa: E402

from awaitlings.engine.runner import RunOptions, run  # noqa: E402
from awaitlings.engine.verdicts import Verdict  # noqa: E402
from awaitlings.probes import Stopwatch  # noqa: E402


def blocking() -> None:
    time.sleep(0.05)


async def threads_at_work() -> Stopwatch:
    with Stopwatch() as sw:
        await asyncio.to_thread(asyncio.run, asyncio.sleep(0.2))
        await asyncio.gather(*(asyncio.to_thread(blocking) for _ in range(8)))
    return sw


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--load", type=int, default=4, help="busy processes meanwhile")
    args = parser.parse_args()
    ahead, worst = 0, 0.0
    with cpu_load(args.load):
        for _ in range(args.runs):
            try:
                sw = run(threads_at_work, RunOptions(virtual=True)).result
            except Verdict:  # the clock ran to the deadline
                ahead, worst = ahead + 1, max(worst, 60.0)
                continue
            lead = sw.elapsed - sw.real_elapsed
            ahead += lead > 0.1
            worst = max(worst, lead)
    print(
        f"{args.runs} runs with {args.load} busy processes: the virtual clock got ahead of real "
        f"time in {ahead} ({worst:.3f} s at worst)"
    )
    return 1 if ahead else 0


if __name__ == "__main__":
    raise SystemExit(main())
