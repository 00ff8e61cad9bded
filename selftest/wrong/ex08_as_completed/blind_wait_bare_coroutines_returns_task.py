# wrong: asyncio.wait() given bare coroutines (TypeError in 3.11), and `async for` over as_completed (TypeError) (unforeseen)
# fails: all
import asyncio
from collections.abc import Callable
from typing import Any


async def process_as_ready(api: Any, keys: list[str], handle: Callable[[Any], None]) -> None:
    async for result in asyncio.as_completed([api.get(k) for k in keys]):
        handle(result)


async def fastest(api: Any, mirrors: list[str]) -> Any:
    done, pending = await asyncio.wait(
        [api.get(m) for m in mirrors], return_when=asyncio.FIRST_COMPLETED
    )
    for p in pending:
        p.cancel()
    return done.pop()
