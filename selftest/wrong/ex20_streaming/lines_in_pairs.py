# wrong: sends the lines two at a time (fewer, bigger writes), so every other line waits for the next price
# fails: 2
# says: was known at
import asyncio
import random
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import StreamingResponse


class QuoteService:
    """The real price service: every quote takes a moment."""

    async def get(self, symbol: str) -> float:
        await asyncio.sleep(random.uniform(0.2, 0.6))
        return round(random.uniform(10, 500), 2)


def get_quotes() -> QuoteService:
    return QuoteService()


app = FastAPI(title="awaitlings · streaming")


async def price_lines(symbols: list[str], quotes: QuoteService) -> AsyncIterator[str]:
    batch = ""
    for i, symbol in enumerate(symbols):
        price = await quotes.get(symbol)
        batch += f"{symbol}: {price}\n"
        if i % 2 == 1 or i == len(symbols) - 1:
            yield batch
            batch = ""


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")
