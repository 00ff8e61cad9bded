# wrong: hands the process pool a lambda, which cannot be pickled
# fails: 1, 2
# says: cannot be pickled
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, lambda: count_primes(limit))


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
