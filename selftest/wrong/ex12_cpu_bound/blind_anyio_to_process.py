# wrong: anyio.to_process.run_sync keeps its worker processes alive (idle) after crunch returns; nothing shuts them down
# fails: 2
# says: still running, and 1 of them still was 2 s later
import anyio.to_process

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    return await anyio.to_process.run_sync(count_primes, limit)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
