# right: both waits run time.sleep in a worker thread via `await asyncio.to_thread(time.sleep, s)`, so the loop stays free
import asyncio
import time


async def main() -> None:
    print("Start")
    await asyncio.to_thread(time.sleep, 1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await asyncio.to_thread(time.sleep, seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
