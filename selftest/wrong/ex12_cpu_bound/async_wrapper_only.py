# wrong: wraps the computation in its own async def and awaits a task of it
# fails: 1, 2
# says: freezes the event loop
# says: grader's own process
import asyncio

from awaitlings.cpu import PrimeCount, count_primes


async def count_async(limit):
    return count_primes(limit)


async def crunch(limit: int) -> PrimeCount:
    return await asyncio.create_task(count_async(limit))


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
