# wrong: `async with ProcessPoolExecutor()`: the pool is a plain context manager, so this raises TypeError
# fails: 1, 2
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    async with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, count_primes, limit)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
