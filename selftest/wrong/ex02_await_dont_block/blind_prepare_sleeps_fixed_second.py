# wrong: prepare ignores its seconds argument and always waits 1 s
# fails: 2
import asyncio


async def main() -> None:
    print("Start")
    await asyncio.sleep(1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await asyncio.sleep(1)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
