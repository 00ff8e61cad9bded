# wrong: calls count_primes(limit) itself and hands the result to run_in_executor
# fails: 1, 2
# says: Pass the function and its argument separately
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, count_primes(limit))


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
