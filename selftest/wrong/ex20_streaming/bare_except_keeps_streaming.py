# wrong: a bare except around the fetch swallows the cancellation and keeps streaming
# fails: 3
# says: carried on
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
    for symbol in symbols:
        try:
            price = await quotes.get(symbol)
        except:
            price = "n/a"
        yield f"{symbol}: {price}\n"


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")
