# right: writes through names bound at import (`out = sys.stdout`, `from sys import stdout`); waits with asyncio.sleep
import asyncio
import sys
from sys import stdout

out = sys.stdout


async def main() -> None:
    out.write("Start\n")
    await asyncio.sleep(1)
    stdout.write("Done\n")


async def prepare(order: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
