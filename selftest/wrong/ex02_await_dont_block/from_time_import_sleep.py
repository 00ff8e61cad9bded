# wrong: blocks with `from time import sleep` (invisible to patching-based detectors)
# fails: all
# says: blocked
import asyncio
from time import sleep


async def main() -> None:
    print("Start")
    sleep(1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    sleep(seconds)
    return f"{order} ready"
