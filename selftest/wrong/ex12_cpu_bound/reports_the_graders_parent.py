# wrong: hostile: counts in a pool but reports the pid of the grader's parent process, which task 2 would kill as a leftover worker
# fails: 1, 2
# says: no such process was running under the grader
import asyncio
import os
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        result = await loop.run_in_executor(pool, count_primes, limit)
    return PrimeCount(result.count, os.getppid())


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
