# wrong: hands pool.shutdown to a thread so the loop does not wait for it, but never awaits it: crunch returns while the workers still run
# fails: 2
# says: When crunch
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    pool = ProcessPoolExecutor(max_workers=2)
    result = await loop.run_in_executor(pool, count_primes, limit)
    loop.run_in_executor(None, pool.shutdown)  # wait=True, but in a thread nobody waits for
    return result


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
