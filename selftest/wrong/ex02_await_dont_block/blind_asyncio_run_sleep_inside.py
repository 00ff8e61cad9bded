# wrong: calls asyncio.run(asyncio.sleep(...)) inside async def -> RuntimeError (a loop is already running)
# fails: 1, 2
import asyncio


async def main() -> None:
    print("Start")
    asyncio.run(asyncio.sleep(1))
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    asyncio.run(asyncio.sleep(seconds))
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
