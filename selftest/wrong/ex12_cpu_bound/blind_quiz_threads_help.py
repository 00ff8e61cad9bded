# wrong: the quiz claims threads speed up pure-Python work (d) and gather makes CPU work faster (c)
# fails: 3
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        return await loop.run_in_executor(pool, count_primes, limit)


ANSWERS = {"a": False, "b": True, "c": True, "d": False, "e": True, "f": False}
