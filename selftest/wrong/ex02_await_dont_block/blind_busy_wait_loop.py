# wrong: replaces time.sleep with a busy-wait on time.monotonic(): still blocks the event loop (and burns CPU)
# fails: 1, 2
import asyncio
import time


def _wait(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


async def main() -> None:
    print("Start")
    _wait(1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    _wait(seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
