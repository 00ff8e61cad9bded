# wrong: counts in a pool that is shut down, but starts a "keep-alive" task it never awaits or cancels
# fails: 1, 2
# says: still running when your code returned
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    asyncio.ensure_future(asyncio.sleep(60))  # keeps the loop "busy" (it does not need to)
    with ProcessPoolExecutor(max_workers=1) as pool:
        return await loop.run_in_executor(pool, count_primes, limit)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
