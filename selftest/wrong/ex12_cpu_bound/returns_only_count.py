# wrong: uses the pool correctly but returns only the count, dropping the pid
# fails: 1, 2
# says: PrimeCount(count, pid)
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        result = await loop.run_in_executor(pool, count_primes, limit)
    return result.count


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
