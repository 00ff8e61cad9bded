# wrong: run_in_executor with a ThreadPoolExecutor instead of a process pool
# fails: 1, 2
# says: grader's own process
import asyncio
from concurrent.futures import ThreadPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor() as pool:
        return await loop.run_in_executor(pool, count_primes, limit)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
