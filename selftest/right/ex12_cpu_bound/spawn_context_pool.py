# right: ProcessPoolExecutor with an explicit "spawn" multiprocessing context (fresh interpreter per worker)
import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return await loop.run_in_executor(pool, count_primes, limit)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
