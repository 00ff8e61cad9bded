# wrong: counts directly inside async def, on the event loop
# fails: 1, 2
# says: grader's own process
# says: freezes the event loop
from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    return count_primes(limit)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
