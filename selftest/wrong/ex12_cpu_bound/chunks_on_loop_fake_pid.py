# wrong: cheats: counts on the event loop in small chunks (sleep(0) between) and reports a made-up pid
# fails: 1, 2
import asyncio

from awaitlings.cpu import PrimeCount

NOT_A_PROCESS = 4194304 + 1  # above any Linux pid_max: no such process can exist


async def crunch(limit: int) -> PrimeCount:
    count = 0
    for n in range(2, limit):
        if n % 2000 == 0:
            await asyncio.sleep(0)  # "let the loop breathe": it never looks blocked
        if n % 2 == 0:
            count += n == 2
            continue
        d = 3
        while d * d <= n:
            if n % d == 0:
                break
            d += 2
        else:
            count += 1
    return PrimeCount(count, NOT_A_PROCESS)


ANSWERS = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}
