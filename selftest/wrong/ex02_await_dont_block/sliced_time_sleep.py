# wrong: keeps time.sleep but in 50 ms slices with `await asyncio.sleep(0)` between them (still blocks, just in pieces)
# fails: all
import asyncio
import time

SLICE = 0.05


async def _pause(seconds: float) -> None:
    waited = 0.0
    while waited < seconds - 1e-9:
        time.sleep(SLICE)  # short enough not to bother anyone...
        await asyncio.sleep(0)  # ...and let the others run in between
        waited += SLICE


async def main() -> None:
    print("Start")
    await _pause(1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await _pause(seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))
