# right: waits on a future that loop.call_later resolves (what asyncio.sleep does internally); print with sep/end
import asyncio


async def _pause(seconds: float) -> None:
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    handle = loop.call_later(seconds, lambda: done.done() or done.set_result(None))
    try:
        await done
    finally:
        handle.cancel()


async def main() -> None:
    print("Start", end="\n")
    await _pause(1)
    print("Done", end="\n")


async def prepare(order: str, seconds: float) -> str:
    await _pause(seconds)
    return " ".join([order, "ready"])


async def serve_everyone() -> list[str]:
    return await asyncio.gather(prepare("tea", 0.3), prepare("coffee", 0.5), prepare("cake", 0.2))


if __name__ == "__main__":
    asyncio.run(main())
    print(asyncio.run(serve_everyone()))
