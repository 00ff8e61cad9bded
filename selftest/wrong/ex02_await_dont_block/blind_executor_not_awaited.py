# wrong: starts time.sleep in the executor but never awaits the future, so nothing actually waits
# fails: 1, 2
import asyncio
import time


async def main() -> None:
    print("Start")
    asyncio.get_running_loop().run_in_executor(None, time.sleep, 1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    asyncio.get_running_loop().run_in_executor(None, time.sleep, seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
