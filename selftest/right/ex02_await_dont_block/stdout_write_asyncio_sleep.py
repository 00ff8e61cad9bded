# right: output through sys.stdout.write with explicit newlines; waits with asyncio.sleep; prepare uses sleep's result= argument
import asyncio
import sys


async def main() -> None:
    sys.stdout.write("Start\n")
    await asyncio.sleep(1)
    sys.stdout.write("Done\n")


async def prepare(order: str, seconds: float) -> str:
    return await asyncio.sleep(seconds, result=f"{order} ready")


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
