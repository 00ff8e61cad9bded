# wrong: sleeps in a worker thread (fine), but 3 % shorter than asked
# fails: 1, 2
# says: expected 1 s
import asyncio
import time


async def main() -> None:
    print("Start")
    await asyncio.to_thread(time.sleep, 0.97)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await asyncio.to_thread(time.sleep, seconds * 0.97)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
