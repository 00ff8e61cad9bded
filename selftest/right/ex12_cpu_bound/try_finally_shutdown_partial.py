# right: explicit pool.shutdown(wait=True) in a finally block, functools.partial for the call
import asyncio
import functools
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    pool = ProcessPoolExecutor(max_workers=1)
    try:
        return await loop.run_in_executor(pool, functools.partial(count_primes, limit))
    finally:
        pool.shutdown(wait=True)


ANSWERS = {k: v for k, v in zip("abcdef", [False, True, False, True, True, False])}
