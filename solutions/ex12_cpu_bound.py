"""Exercise 12 · Async doesn't make CPU work faster (reference solution)."""

import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, count_primes, limit)


ANSWERS = {
    "a": False,  # `async def` only lets the function await; its body still runs on the loop
    "b": True,
    "c": False,  # they never await, so they cannot take turns: one runs, the rest wait
    "d": True,
    "e": True,
    "f": False,  # it lets other tasks in between steps; the counting takes as long (or longer)
}


if __name__ == "__main__":  # `python exercises/ex12_cpu_bound.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
