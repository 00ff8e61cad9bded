# wrong: busy-waits on time.monotonic, yielding with `await asyncio.sleep(0)` each turn (burns a CPU core)
# fails: all
import asyncio
import time


async def _wait(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        await asyncio.sleep(0)


async def main() -> None:
    print("Start")
    await _wait(1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await _wait(seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))
