# right: helper that runs the pool; shutdown(wait=True) itself is sent to a thread so even joining the workers never blocks the loop
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def _run_in_process(func, *args):
    loop = asyncio.get_running_loop()
    pool = ProcessPoolExecutor(max_workers=1)
    try:
        return await loop.run_in_executor(pool, func, *args)
    finally:
        await asyncio.to_thread(pool.shutdown, wait=True)


async def crunch(limit: int) -> PrimeCount:
    return await _run_in_process(count_primes, limit)


ANSWERS = {
    "a": False,
    "b": True,
    "c": False,
    "d": True,
    "e": True,
    "f": False,
}
