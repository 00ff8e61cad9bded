# right: the blocking time.sleep is pushed to the default executor with loop.run_in_executor, from a shared helper
import asyncio
import time


async def _wait(seconds: float) -> None:
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, time.sleep, seconds)


async def main() -> None:
    print("Start", flush=True)
    await _wait(1)
    print("Done", flush=True)


async def prepare(order: str, seconds: float) -> str:
    await _wait(seconds)
    return "%s ready" % order


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
