# wrong: believes async def and gather run CPU work in parallel
# fails: 3
# says: 3 of 6 answers are not right
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, count_primes, limit)


ANSWERS = {"a": True, "b": True, "c": True, "d": True, "e": True, "f": True}
