# wrong: keeps one process pool in a global and never shuts it down
# fails: 2
# says: still running
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes

POOL = ProcessPoolExecutor()


async def crunch(limit: int) -> PrimeCount:
    return await asyncio.get_running_loop().run_in_executor(POOL, count_primes, limit)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
