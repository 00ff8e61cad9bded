# wrong: main waits first and then prints both lines, so nothing separates Start from Done
# fails: 1
import asyncio


async def main() -> None:
    await asyncio.sleep(1)
    print("Start")
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
