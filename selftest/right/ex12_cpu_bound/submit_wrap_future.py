# right: pool.submit(...) wrapped with asyncio.wrap_future, awaited inside the with block
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    with ProcessPoolExecutor() as pool:
        future = pool.submit(count_primes, limit)
        return await asyncio.wrap_future(future)


ANSWERS = {
    "a": False,  # async def alone runs nothing in the background
    "b": True,
    "c": False,  # they take turns, so no faster
    "d": True,
    "e": True,
    "f": False,  # sleep(0) only lets others run, the counting gets slower if anything
}
