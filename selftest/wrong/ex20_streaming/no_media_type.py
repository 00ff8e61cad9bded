# wrong: streams, but without media_type (no text/plain content type)
# fails: 1
# says: text/plain
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
        yield f"{symbol}: {await quotes.get(symbol)}\n"


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes))
