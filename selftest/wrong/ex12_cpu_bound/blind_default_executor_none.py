# wrong: run_in_executor(None, ...) uses the default THREAD pool: the counting stays in the loop's process and holds the GIL
# fails: 1
import asyncio

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, count_primes, limit)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
