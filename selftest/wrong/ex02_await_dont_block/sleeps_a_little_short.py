# wrong: main waits 0.97 s and prepare waits 97 % of the time asked: close, but not what was asked
# fails: 1, 2
# says: waited 0.97 s of event-loop time
import asyncio


async def main() -> None:
    print("Start")
    await asyncio.sleep(0.97)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await asyncio.sleep(seconds * 0.97)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
