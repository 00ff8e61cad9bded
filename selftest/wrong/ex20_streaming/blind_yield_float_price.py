# wrong: yields the symbol line and then the bare float price as separate chunks (AttributeError: 'float' has no encode)
# fails: all
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
    for symbol in symbols:
        yield f"{symbol}: "
        yield await quotes.get(symbol)
        yield "\n"


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")
