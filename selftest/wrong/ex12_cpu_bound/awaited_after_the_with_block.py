# wrong: awaits the pool's result after the `with` block, whose shutdown(wait=True) blocks the loop
# fails: 1, 2
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        future = loop.run_in_executor(pool, count_primes, limit)
    return await future


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
