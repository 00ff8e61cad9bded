# wrong: sends a function defined inside crunch to the process pool: it cannot be pickled
# fails: 1, 2
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    def work():
        return count_primes(limit)

    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, work)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
