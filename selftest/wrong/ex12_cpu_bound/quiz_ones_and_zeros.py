# wrong: answers the quiz with 1 and 0 instead of True and False
# fails: 3
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, count_primes, limit)


ANSWERS = {"a": 0, "b": 1, "c": 0, "d": 1, "e": 1, "f": 0}
