# wrong: thinks in JavaScript milliseconds: asyncio.sleep(1000) waits 1000 seconds, not one
# fails: 1, 2
# says: counts in seconds
import asyncio


async def main() -> None:
    print("Start")
    await asyncio.sleep(1000)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await asyncio.sleep(seconds * 1000)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
