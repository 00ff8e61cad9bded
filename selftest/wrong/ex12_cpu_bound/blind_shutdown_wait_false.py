# wrong: pool.shutdown(wait=False) returns before the worker processes have exited, so they can outlive crunch
# fails: 2
# says: When crunch(
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    pool = ProcessPoolExecutor()
    result = await loop.run_in_executor(pool, count_primes, limit)
    pool.shutdown(wait=False)
    return result


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
