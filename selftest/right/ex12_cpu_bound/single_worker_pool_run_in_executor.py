# right: ProcessPoolExecutor(max_workers=1) in a with block, run_in_executor; ANSWERS written with dict(...)
import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=1) as pool:
        result = await loop.run_in_executor(pool, count_primes, limit)
    return result


ANSWERS = dict(a=False, b=True, c=False, d=True, e=True, f=False)
