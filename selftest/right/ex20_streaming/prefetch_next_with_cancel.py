# right: overlaps work by prefetching only the NEXT quote as a task, cancelled in finally when the client leaves
import asyncio
import random
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import StreamingResponse


class QuoteService:
    async def get(self, symbol: str) -> float:
        await asyncio.sleep(random.uniform(0.2, 0.6))
        return round(random.uniform(10, 500), 2)


def get_quotes() -> QuoteService:
    return QuoteService()


app = FastAPI(title="awaitlings · streaming")


async def price_lines(symbols: list[str], quotes: QuoteService) -> AsyncIterator[str]:
    if not symbols:
        return
    pending = asyncio.create_task(quotes.get(symbols[0]))
    try:
        for i, symbol in enumerate(symbols):
            price = await pending
            if i + 1 < len(symbols):
                pending = asyncio.create_task(quotes.get(symbols[i + 1]))
            yield f"{symbol}: {price}\n"
    finally:
        if not pending.done():
            pending.cancel()
            try:
                await pending
            except asyncio.CancelledError:
                pass


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")
