# wrong: removes the waiting instead of making it non-blocking
# fails: all
# says: should
import asyncio


async def main() -> None:
    print("Start")
    await asyncio.sleep(0)
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    return f"{order} ready"
