# right: ProcessPoolExecutor on a "forkserver" multiprocessing context, positional max_workers, result awaited in the with block
import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver")) as pool:
        counted = await loop.run_in_executor(pool, count_primes, limit)
    return counted


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
