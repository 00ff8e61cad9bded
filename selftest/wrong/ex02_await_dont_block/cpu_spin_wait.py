# wrong: busy-waits on the clock instead of sleeping
# fails: all
# says: blocked
import asyncio
import time


def _spin(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


async def main() -> None:
    print("Start")
    _spin(1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    _spin(seconds)
    return f"{order} ready"
