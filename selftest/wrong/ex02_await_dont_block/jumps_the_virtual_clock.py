# wrong: main does not wait at all; it detects the grader's virtual-clock loop and moves its clock forward by hand
# fails: 1
import asyncio


async def main() -> None:
    print("Start")
    loop = asyncio.get_running_loop()
    advance = getattr(loop, "_advance", None)
    if advance is not None:
        advance(1.0)  # the grader's clock says a second went by; nobody waited
    print("Done")


async def prepare(order: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"{order} ready"


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))
