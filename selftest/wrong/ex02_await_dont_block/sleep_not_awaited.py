# wrong: calls asyncio.sleep without await
# fails: all
# says: never awaited
import asyncio


async def main() -> None:
    print("Start")
    asyncio.sleep(1)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    asyncio.sleep(seconds)
    return f"{order} ready"
