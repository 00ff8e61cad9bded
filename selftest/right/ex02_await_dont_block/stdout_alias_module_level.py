# right: a small log() helper that writes to sys.stdout (looked up at call time) and a wait_for-on-Event timer
import asyncio
import sys


def log(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


async def idle(seconds: float) -> None:
    never = asyncio.Event()
    try:
        await asyncio.wait_for(never.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass


async def main() -> None:
    log("Start")
    await idle(1)
    log("Done")


async def prepare(order: str, seconds: float) -> str:
    await idle(seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
