# wrong: sleeps 97 % of the time, then busy-waits on the real clock for the rest (burns the loop's CPU)
# fails: 1, 2
import asyncio
import time


async def _wait(seconds: float) -> None:
    end = time.monotonic() + seconds
    await asyncio.sleep(seconds * 0.97)
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


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
