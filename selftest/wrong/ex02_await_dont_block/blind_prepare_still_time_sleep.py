# wrong: main was fixed but prepare still calls time.sleep, so orders are prepared one after another and block the loop
# fails: 2
import asyncio
import time


async def main() -> None:
    print("Start")
    await asyncio.sleep(1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    time.sleep(seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
