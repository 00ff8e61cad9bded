# wrong: sends the CPU work to a thread with asyncio.to_thread (same process, same GIL)
# fails: 1, 2
# says: grader's own process
# says: GIL
import asyncio

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    return await asyncio.to_thread(count_primes, limit)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
