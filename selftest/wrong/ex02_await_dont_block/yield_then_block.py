# wrong: yields once with `await asyncio.sleep(0)`, then blocks with time.sleep anyway
# fails: all
# says: blocked
import asyncio
import time


async def main() -> None:
    print("Start")
    await asyncio.sleep(0)  # let the others run first
    time.sleep(1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await asyncio.sleep(0)  # let the others run first
    time.sleep(seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))
