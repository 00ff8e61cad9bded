"""Grader-owned CPU-bound work for exercise 12 (process pools).

`count_primes(limit)` is deliberately slow, pure-Python computation: it holds the GIL the
whole time and never awaits. It reports the id of the process that ran it, so a test can
tell whether the work really happened in a worker process. It is a module-level function
of an importable module, so process pools can pickle it with any start method (fork,
forkserver, spawn).
"""

from __future__ import annotations

import os
from typing import NamedTuple


class PrimeCount(NamedTuple):
    count: int  # type: ignore[assignment]  # how many primes are below `limit` (shadows tuple.count)
    pid: int  # the process that counted them (os.getpid() there)


def count_primes(limit: int) -> PrimeCount:
    """Count the primes below `limit` by trial division (slow on purpose), and say where."""
    count = 0
    for n in range(2, limit):
        if n % 2 == 0:
            count += n == 2
            continue
        d = 3
        while d * d <= n:
            if n % d == 0:
                break
            d += 2
        else:
            count += 1
    return PrimeCount(count, os.getpid())


__all__ = ["PrimeCount", "count_primes"]
