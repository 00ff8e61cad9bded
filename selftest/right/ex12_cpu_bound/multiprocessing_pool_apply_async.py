# right: multiprocessing.Pool(1) with apply_async; the AsyncResult is waited for in a thread (to_thread), the pool is terminated by its with block
import asyncio
import multiprocessing

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    with multiprocessing.Pool(processes=1) as pool:
        pending = pool.apply_async(count_primes, (limit,))
        result = await asyncio.to_thread(pending.get)
    return result


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
