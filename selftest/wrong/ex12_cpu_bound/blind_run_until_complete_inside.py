# wrong: calls loop.run_until_complete inside crunch, which already runs on that loop: RuntimeError
# fails: 1, 2
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_event_loop()
    with ProcessPoolExecutor() as pool:
        future = loop.run_in_executor(pool, count_primes, limit)
        return loop.run_until_complete(future)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
