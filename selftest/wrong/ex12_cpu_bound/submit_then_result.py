# wrong: uses a process pool but waits with future.result(), which blocks the loop
# fails: 1, 2
# says: could not run even once
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    with ProcessPoolExecutor() as pool:
        return pool.submit(count_primes, limit).result()


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
