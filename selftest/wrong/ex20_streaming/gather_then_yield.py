# wrong: fetches every price with gather before yielding the first line
# fails: 2
# says: was known at
import asyncio
import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import PlainTextResponse, StreamingResponse


class QuoteService:
    async def get(self, symbol: str) -> float:
        await asyncio.sleep(0.3)
        return 42.0


def get_quotes() -> QuoteService:
    return QuoteService()


app = FastAPI()


async def price_lines(symbols, quotes):
    prices = await asyncio.gather(*(quotes.get(s) for s in symbols))
    for symbol, price in zip(symbols, prices):
        yield f"{symbol}: {price}\n"


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")
