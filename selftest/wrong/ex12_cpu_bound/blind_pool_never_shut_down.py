# wrong: a new ProcessPoolExecutor per call that is never shut down: its worker processes stay alive
# fails: 2
# says: When crunch(
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    pool = ProcessPoolExecutor(max_workers=2)
    return await loop.run_in_executor(pool, count_primes, limit)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
